namespace Mediagate.Providers.HeyGen;

/// <summary>A gateway tenant's job slots: in total, running now, and free (<c>data.mediagate.capacity</c>).</summary>
public sealed record MediagateGatewayCapacity(int? MaxJobs, int? Running, int? Free);

namespace Mediagate.Providers.HeyGen;

/// <summary>One HeyGen account in a gateway tenant's pool, as <c>data.mediagate.accounts[]</c> reports it.</summary>
/// <param name="Id">The gateway's id for the account.</param>
/// <param name="Label">The masked email or name the gateway shows for it.</param>
/// <param name="MaxJobs">How many jobs it may run at once.</param>
/// <param name="Running">How many it runs now.</param>
/// <param name="State"><c>ready</c>, <c>renewing</c> or <c>failed</c>.</param>
public sealed record MediagateGatewayAccount(string? Id, string? Label, int? MaxJobs, int? Running, string? State);

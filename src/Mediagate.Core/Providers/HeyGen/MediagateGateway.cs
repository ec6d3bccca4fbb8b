namespace Mediagate.Providers.HeyGen;

/// <summary>What a Mediagate gateway adds to <c>GET /v3/users/me</c> (<c>data.mediagate</c>): its version, the tenant, the pool and its capacity.</summary>
/// <param name="Version">The gateway's version, e.g. <c>0.1.0</c>.</param>
/// <param name="Tenant">The name of the tenant the token belongs to.</param>
/// <param name="Accounts">The tenant's pooled HeyGen accounts, labels masked by the gateway.</param>
/// <param name="Capacity">The pool's job slots in total, taken and free; null when the gateway left it out.</param>
/// <remarks>
/// A client knows it is talking to a gateway, not to HeyGen, only from this block: the gateway answers HeyGen's own shape
/// otherwise, so HyperFrames and the heygen CLI see an ordinary account.
/// </remarks>
public sealed record MediagateGateway(string? Version, string? Tenant, IReadOnlyList<MediagateGatewayAccount> Accounts, MediagateGatewayCapacity? Capacity)
{
    /// <summary>The value of <c>data.mediagate.gateway</c> that marks a Mediagate gateway.</summary>
    public const string Marker = "mediagate";
}

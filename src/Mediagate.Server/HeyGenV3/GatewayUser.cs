namespace Mediagate.Server.HeyGenV3;

#pragma warning disable IDE1006 // The names are the wire names.

/// <summary>The <c>GET /v3/users/me</c> body: HeyGen's <c>{data: {...}}</c>.</summary>
/// <param name="data">The user.</param>
internal sealed record GatewayUserAnswer(GatewayUser data);

/// <summary>HeyGen's user fields for a gateway tenant, and the gateway's own block.</summary>
/// <param name="username">The token's name.</param>
/// <param name="email">The token's name (a tenant has no email).</param>
/// <param name="first_name">The token's name.</param>
/// <param name="last_name">Empty.</param>
/// <param name="billing_type">Always <c>gateway</c>.</param>
/// <param name="mediagate">What the gateway adds.</param>
internal sealed record GatewayUser(string username, string email, string first_name, string last_name, string billing_type, GatewayInfo mediagate);

/// <summary><c>data.mediagate</c>: who answers, for whom, and with what capacity.</summary>
/// <param name="gateway">Always <c>mediagate</c>.</param>
/// <param name="version">The gateway's version.</param>
/// <param name="tenant">The calling token's name.</param>
/// <param name="accounts">The tenant's HeyGen accounts.</param>
/// <param name="capacity">Slots in service, taken and free, over every account.</param>
internal sealed record GatewayInfo(string gateway, string version, string tenant, IReadOnlyList<GatewayAccount> accounts, GatewayCapacity capacity);

/// <summary>One pooled account as a tenant sees it.</summary>
/// <param name="id">The account's row id.</param>
/// <param name="label">Its email, masked.</param>
/// <param name="max_jobs">Its slots.</param>
/// <param name="running">Slots taken now.</param>
/// <param name="state"><c>ready</c>, <c>renewing</c> (its web session expired and is renewed on next use) or <c>failed</c> (out of service).</param>
internal sealed record GatewayAccount(string id, string label, int max_jobs, int running, string state);

/// <summary>The tenant's capacity.</summary>
/// <param name="max_jobs">Slots on accounts in service.</param>
/// <param name="running">Slots taken.</param>
/// <param name="free">Slots free on accounts in service.</param>
internal sealed record GatewayCapacity(int max_jobs, int running, int free);
#pragma warning restore IDE1006

namespace Mediagate.Mock.Faults;

/// <summary>When and how to fail: requests whose path starts with <see cref="PathPrefix"/> (and carry <see cref="Key"/>, if set).</summary>
/// <param name="PathPrefix">The route, e.g. <c>/v3/users/me</c>.</param>
/// <param name="Kind">What to do.</param>
/// <param name="Status">The status for <see cref="FaultKind.Status"/>.</param>
/// <param name="Times">How many requests to fail; null for all.</param>
/// <param name="Key">Only requests with this credential (API key or bearer token); null for any.</param>
/// <param name="RetryAfterSeconds">A <c>Retry-After</c> header to send with the fault.</param>
/// <param name="DelayMs">The delay for <see cref="FaultKind.Latency"/>; for <see cref="FaultKind.Status"/>, how long to wait before failing.</param>
/// <param name="After">How many matching requests to let through before the rule starts failing, e.g. to fail in the middle of a run.</param>
public sealed record FaultRule(
    string PathPrefix,
    FaultKind Kind,
    int Status = 500,
    int? Times = 1,
    string? Key = null,
    int? RetryAfterSeconds = null,
    int DelayMs = 0,
    int After = 0);

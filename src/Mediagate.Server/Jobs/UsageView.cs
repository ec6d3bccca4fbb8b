namespace Mediagate.Server.Jobs;

/// <summary><c>GET /v1/heygen/usage</c>: what the tenant's jobs used, per account and in all, over the jobs the gateway keeps.</summary>
/// <param name="Since">The oldest job counted (ISO 8601, UTC): jobs older than the retention (<c>Gateway__JobRetentionSeconds</c>, 7 days) are gone.</param>
/// <param name="Total">Every account together.</param>
/// <param name="Accounts">Per account email.</param>
internal sealed record UsageView(string Since, UsageCounts Total, Dictionary<string, UsageCounts> Accounts);

/// <summary>Calls, characters spoken and seconds of audio made.</summary>
/// <param name="Jobs">Jobs that ran on the account, whatever their kind and outcome.</param>
/// <param name="Completed">Those that completed.</param>
/// <param name="Characters">Characters sent to be spoken by completed speech jobs (tts/create, /v3/voices/speech).</param>
/// <param name="Seconds">Seconds of audio those jobs made.</param>
/// <param name="Kinds">Jobs per kind (tts, speech, v3-speech, v3-sounds, v3-voices, v3-voice, v3-clone, v3-delete).</param>
internal sealed record UsageCounts(long Jobs, long Completed, long Characters, double Seconds, Dictionary<string, long> Kinds);

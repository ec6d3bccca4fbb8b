using System.Text.Json.Serialization;
using Mediagate.Server.Api;

namespace Mediagate.Server.Jobs;

/// <summary><c>GET /v1/heygen/scheduler</c>: the jobs running now, per account, and each account's slots.</summary>
/// <param name="Executing">The running jobs, keyed by account email.</param>
/// <param name="Total">How many jobs run now.</param>
/// <param name="Accounts">Every account's slots, keyed by email.</param>
internal sealed record SchedulerView(Dictionary<string, List<RunningJob>> Executing, int Total, Dictionary<string, AccountSlots> Accounts);

/// <summary>A job that holds a slot.</summary>
/// <param name="Jobid">The job's id.</param>
/// <param name="Verb">tts or speech.</param>
/// <param name="Status">created or started.</param>
/// <param name="Started">When it started (ISO 8601, UTC).</param>
/// <param name="Elapsed">Time since then, MM:SS.</param>
/// <param name="ElapsedSeconds">Time since then, in seconds.</param>
/// <param name="ReplyUrl">Where its webhook goes.</param>
/// <param name="ReplyRef">Returned with the webhook (written whenever there is a replyUrl).</param>
internal sealed record RunningJob(
    string Jobid,
    string Verb,
    string Status,
    string Started,
    string Elapsed,
    double ElapsedSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReplyUrl,
    [property: WrittenWith(nameof(RunningJob.ReplyUrl))] string? ReplyRef);

/// <summary>An account's slots.</summary>
/// <param name="Running">Slots taken.</param>
/// <param name="MaxJobs">Slots in all.</param>
/// <param name="Error">Why the account is out of service, or null.</param>
internal sealed record AccountSlots(int Running, int MaxJobs, string? Error);

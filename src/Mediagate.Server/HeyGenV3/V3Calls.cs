using System.Text.Json.Nodes;
using Mediagate.Credentials;
using Mediagate.Server.Accounts;
using Mediagate.Server.Api;
using Mediagate.Server.Jobs;
using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;
using Mediagate.Server.Tts;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// One <c>/v3</c> call as a job of the pool, the same path <c>tts/create</c> takes: a slot on a random account of the caller's
/// tenant with a free one (or the account a clone lives on), held for the upstream call and shown by the scheduler; the call with
/// the account's credential, a rejected web session renewed once (<see cref="SpeechCalls.CallAsync"/>); the job recorded with
/// its request, answer, characters and seconds of audio; the slot given back whatever happens.
/// </summary>
internal sealed class V3Calls(SlotWaits waits, JobRunner runner, SpeechCalls calls)
{
    /// <summary>The response header that names the job recorded for the call (<c>GET /v1/heygen/jobs/{id}</c>).</summary>
    public const string JobHeader = "X-Mediagate-Job-Id";

    /// <summary>The message for a tenant with no account at all (answered with 424).</summary>
    public const string NoAccount =
        "this gateway tenant has no HeyGen account, so nothing can run; add one with POST /v1/heygen/accounts (see the README, \"Gateway\")";

    /// <summary>Runs <paramref name="work"/> on a pooled account as a job of kind <paramref name="kind"/>.</summary>
    /// <param name="http">The request: its caller, and its abort.</param>
    /// <param name="kind">The job kind the scheduler shows, e.g. <c>v3-speech</c>.</param>
    /// <param name="request">What the job records as its request.</param>
    /// <param name="email">The account to use (a clone's), or null for any.</param>
    /// <param name="characters">The characters to speak, for metering.</param>
    /// <param name="work">The upstream call: its answer, the text recorded as the job's response, and the seconds of audio made.</param>
    public async Task<T> RunAsync<T>(HttpContext http, string kind, JsonNode request, string? email, int? characters,
        Func<AccountRow, HeyGenCredential, CancellationToken, Task<(T Answer, string Response, double? Seconds)>> work)
    {
        var caller = http.Caller();
        var job = new JobRow
        {
            JobId = SlotPool.NewJobId(),
            TokenId = caller.TokenId,
            TenantId = caller.TenantId,
            Kind = kind,
            Status = JobStatus.Started,
            Request = request.ToJsonString(GatewayJson.Options),
            Characters = characters,
        };
        Lease lease;
        try
        {
            lease = await waits.AcquireAsync(job, email, http.RequestAborted);
        }
        catch (ApiException ex) when (ex.Status == StatusCodes.Status404NotFound && email is null)
        {
            throw new ApiException(StatusCodes.Status424FailedDependency, NoAccount);
        }
        http.Response.Headers[JobHeader] = job.JobId;
        return await runner.RunMeteredAsync(lease,
            ct => calls.CallAsync(lease.Account, (credential, inner) => work(lease.Account, credential, inner), ct),
            http.RequestAborted);
    }
}

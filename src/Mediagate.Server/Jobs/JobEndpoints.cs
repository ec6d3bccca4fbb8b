using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Server.Api;
using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.Jobs;

/// <summary><c>GET /v1/heygen/jobs/{jobid}</c> (the caller's own jobs, 7 days) and <c>GET /v1/heygen/scheduler</c> (what runs now).</summary>
internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder v1)
    {
        v1.MapGet("/heygen/jobs/{jobid}", GetAsync).WithTags("Jobs").Produces<JsonObject>()
            .WithSummary("A job: {jobid, status: created|started|completed|failed, created, updated, request, response?, error?}, with its webhook attempts.");
        v1.MapGet("/heygen/scheduler", SchedulerAsync).WithTags("Jobs").Produces<JsonObject>()
            .WithSummary("The jobs running now, per account, with their elapsed time, and each account's slots.");
        return v1;
    }

    private static async Task<IResult> GetAsync(string jobid, GatewayStore store, HttpContext http)
    {
        var caller = http.Caller();
        await using var db = store.Create();
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.JobId == jobid && j.TokenId == caller.TokenId, http.RequestAborted);
        if (job is null)
        {
            return ApiErrors.NotFound($"job {jobid} not found: it never existed, belongs to another token, or is older than 7 days");
        }
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => d.JobId == jobid).ToListAsync(http.RequestAborted);
        return Results.Json(JobView.ToJson(job, deliveries));
    }

    private static async Task<IResult> SchedulerAsync(GatewayStore store, TimeProvider time, HttpContext http)
    {
        await using var db = store.Create();
        var running = await db.Jobs.AsNoTracking().Where(j => j.HoldsSlot).OrderBy(j => j.CreatedAt).ToListAsync(http.RequestAborted);
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Key).ToListAsync(http.RequestAborted);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var executing = new JsonObject();
        foreach (var group in running.GroupBy(j => j.Email ?? ""))
        {
            var email = accounts.FirstOrDefault(a => a.Key == group.Key)?.Email ?? group.Key;
            executing[email] = new JsonArray([.. group.Select(j =>
            {
                var elapsed = TimeSpan.FromMilliseconds(Math.Max(0, now - (j.StartedAt ?? j.CreatedAt)));
                var entry = new JsonObject
                {
                    ["jobid"] = j.JobId,
                    ["verb"] = j.Kind,
                    ["status"] = j.Status,
                    ["started"] = JobView.Iso(j.StartedAt ?? j.CreatedAt),
                    ["elapsed"] = ((int)elapsed.TotalMinutes).ToString("00", CultureInfo.InvariantCulture) + ":" + elapsed.Seconds.ToString("00", CultureInfo.InvariantCulture),
                    ["elapsedSeconds"] = Math.Round(elapsed.TotalSeconds, 1),
                };
                if (j.ReplyUrl is not null)
                {
                    entry["replyUrl"] = j.ReplyUrl;
                    entry["replyRef"] = j.ReplyRef;
                }
                return (JsonNode)entry;
            })]);
        }
        var slots = new JsonObject();
        foreach (var account in accounts)
        {
            slots[account.Email] = new JsonObject { ["running"] = account.Running, ["maxJobs"] = account.MaxJobs, ["error"] = account.Error };
        }
        return Results.Json(new JsonObject { ["executing"] = executing, ["total"] = running.Count, ["accounts"] = slots });
    }
}

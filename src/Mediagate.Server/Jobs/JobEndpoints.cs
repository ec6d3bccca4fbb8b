using System.Globalization;
using Mediagate.Server.Api;
using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.Jobs;

/// <summary><c>GET /v1/heygen/jobs/{jobid}</c> (the caller's tenant's jobs, 7 days) and <c>GET /v1/heygen/scheduler</c> (what runs now).</summary>
internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder v1)
    {
        v1.MapGet("/heygen/jobs/{jobid}", GetAsync).WithTags("Jobs")
            .WithSummary("A job: {jobid, status: created|started|completed|failed, created, updated, request, response?, error?}, with its webhook attempts.");
        v1.MapGet("/heygen/scheduler", SchedulerAsync).WithTags("Jobs")
            .WithSummary("The jobs running now, per account, with their elapsed time, and each account's slots.");
        return v1;
    }

    private static async Task<Results<Ok<JobView>, NotFound<ApiError>>> GetAsync(string jobid, GatewayStore store, HttpContext http)
    {
        var caller = http.Caller();
        await using var db = store.Create();
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.JobId == jobid && j.TenantId == caller.TenantId, http.RequestAborted);
        if (job is null)
        {
            return ApiErrors.NotFound($"job {jobid} not found: it never existed, belongs to another tenant, or is older than 7 days");
        }
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => d.JobId == jobid).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(JobView.Of(job, deliveries));
    }

    private static async Task<Ok<SchedulerView>> SchedulerAsync(GatewayStore store, TimeProvider time, HttpContext http)
    {
        var tenant = http.Caller().TenantId;
        await using var db = store.Create();
        var running = await db.Jobs.AsNoTracking().Where(j => j.TenantId == tenant && j.HoldsSlot).OrderBy(j => j.CreatedAt).ToListAsync(http.RequestAborted);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.TenantId == tenant && a.DeletedAt == null).OrderBy(a => a.Key).ToListAsync(http.RequestAborted);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var executing = new Dictionary<string, List<RunningJob>>();
        foreach (var group in running.GroupBy(j => j.Email ?? ""))
        {
            var email = accounts.FirstOrDefault(a => a.Key == group.Key)?.Email ?? group.Key;
            executing[email] = [.. group.Select(j =>
            {
                var elapsed = TimeSpan.FromMilliseconds(Math.Max(0, now - (j.StartedAt ?? j.CreatedAt)));
                return new RunningJob(
                    j.JobId,
                    j.Kind,
                    j.Status,
                    JobView.Iso(j.StartedAt ?? j.CreatedAt),
                    ((int)elapsed.TotalMinutes).ToString("00", CultureInfo.InvariantCulture) + ":" + elapsed.Seconds.ToString("00", CultureInfo.InvariantCulture),
                    Math.Round(elapsed.TotalSeconds, 1),
                    j.ReplyUrl,
                    j.ReplyRef);
            })];
        }
        var slots = new Dictionary<string, AccountSlots>();
        foreach (var account in accounts)
        {
            slots[account.Email] = new AccountSlots(account.Running, account.MaxJobs, account.Error);
        }
        return TypedResults.Ok(new SchedulerView(executing, running.Count, slots));
    }
}

using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.Jobs;

/// <summary><c>GET /v1/heygen/usage</c>: the caller's tenant's metering, summed from its job records.</summary>
internal static class UsageEndpoint
{
    public static RouteGroupBuilder MapUsage(this RouteGroupBuilder v1)
    {
        v1.MapGet("/heygen/usage", GetAsync).WithTags("Jobs")
            .WithSummary("The tenant's jobs, characters spoken and seconds of audio, per account and in all, over the jobs kept (7 days).");
        return v1;
    }

    private static async Task<Ok<UsageView>> GetAsync(GatewayStore store, GatewayOptions options, TimeProvider time, HttpContext http)
    {
        var tenant = http.Caller().TenantId;
        await using var db = store.Create();
        var rows = await db.Jobs.AsNoTracking()
            .Where(j => j.TenantId == tenant)
            .GroupBy(j => new { j.Email, j.Kind, j.Status })
            .Select(g => new UsageRow(g.Key.Email, g.Key.Kind, g.Key.Status, g.LongCount(), g.Sum(j => (long?)j.Characters) ?? 0, g.Sum(j => j.AudioSeconds) ?? 0))
            .ToListAsync(http.RequestAborted);
        var emails = await db.Accounts.AsNoTracking().Where(a => a.TenantId == tenant).ToDictionaryAsync(a => a.Key, a => a.Email, http.RequestAborted);
        static UsageCounts Sum(IEnumerable<UsageRow> group)
        {
            var list = group.ToList();
            var done = list.Where(r => r.Status == JobStatus.Completed).ToList();
            return new UsageCounts(
                list.Sum(r => r.Jobs),
                done.Sum(r => r.Jobs),
                done.Sum(r => r.Characters),
                Math.Round(done.Sum(r => r.Seconds), 3),
                list.GroupBy(r => r.Kind).ToDictionary(k => k.Key, k => k.Sum(r => r.Jobs)));
        }
        var accounts = rows.GroupBy(r => r.Email ?? "")
            .ToDictionary(g => emails.GetValueOrDefault(g.Key, g.Key), g => Sum(g));
        var since = time.GetUtcNow() - options.JobRetention;
        return TypedResults.Ok(new UsageView(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), Sum(rows), accounts));
    }
}

/// <summary>One group of a tenant's jobs: account, kind and status, with their sums.</summary>
internal sealed record UsageRow(string? Email, string Kind, string Status, long Jobs, long Characters, double Seconds);

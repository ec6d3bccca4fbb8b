using System.Security.Cryptography;
using Mediagate.Server.Accounts;
using Mediagate.Server.Api;
using Mediagate.Server.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.Jobs;

/// <summary>
/// The job slots. Taking a slot raises the account's <c>Running</c> only while it is below <c>MaxJobs</c>, and inserts the job
/// holding it, in one transaction; releasing marks the job finished and lowers <c>Running</c>, in one transaction. The
/// conditional update is atomic on SQLite and PostgreSQL alike, so no account runs more than <c>MaxJobs</c> jobs across every
/// gateway process sharing the database.
/// </summary>
internal sealed class SlotPool(GatewayStore store, TimeProvider time, InstanceIdentity instance)
{
    /// <summary>Takes a slot on <paramref name="email"/>'s account, or on a random account with a free one; records the job.</summary>
    /// <exception cref="ApiException">404 with no account (or not that one), 429 when every slot is busy, 503 when every account is out of service.</exception>
    public async Task<Lease> AcquireAsync(JobRow job, string? email, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        List<AccountRow> candidates;
        if (email is null)
        {
            candidates = await db.Accounts.AsNoTracking().Where(a => a.Error == null && a.Running < a.MaxJobs).ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                throw await NoneFreeAsync(db, cancellationToken);
            }
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates));
        }
        else
        {
            var key = AccountStore.KeyOf(email);
            var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Key == key, cancellationToken)
                ?? throw new ApiException(StatusCodes.Status404NotFound, AccountEndpoints.Unknown(email));
            if (account.Error is { } error)
            {
                throw new ApiException(StatusCodes.Status503ServiceUnavailable, $"account {account.Email} is out of service: {error}");
            }
            candidates = [account];
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var taken = await db.Accounts
                .Where(a => a.Key == candidate.Key && a.Error == null && a.Running < a.MaxJobs)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Running, a => a.Running + 1), cancellationToken);
            if (taken == 1)
            {
                job.Email = candidate.Key;
                job.HoldsSlot = true;
                job.Instance = instance.Id;
                job.CreatedAt = job.UpdatedAt = now;
                job.StartedAt = job.Status == JobStatus.Started ? now : null;
                db.Jobs.Add(job);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new Lease(job.JobId, candidate);
            }
        }
        await transaction.RollbackAsync(cancellationToken);
        throw email is null
            ? Busy()
            : new ApiException(StatusCodes.Status429TooManyRequests, $"account {email} is running its maximum of {candidates[0].MaxJobs} jobs; retry in a few seconds");
    }

    /// <summary>Marks a job started (async jobs, once their background run begins).</summary>
    public async Task StartAsync(string jobId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = store.Create();
        await db.Jobs.Where(j => j.JobId == jobId && j.Status == JobStatus.Created)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Started).SetProperty(j => j.StartedAt, now).SetProperty(j => j.UpdatedAt, now), cancellationToken);
    }

    /// <summary>Finishes a job and gives its slot back, in one transaction. False when the job had already been failed by recovery.</summary>
    public async Task<bool> ReleaseAsync(Lease lease, JobOutcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = store.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var finished = await db.Jobs.Where(j => j.JobId == lease.JobId && j.HoldsSlot).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.HoldsSlot, false)
            .SetProperty(j => j.Status, outcome.Status)
            .SetProperty(j => j.Response, outcome.Response)
            .SetProperty(j => j.Error, outcome.Error)
            .SetProperty(j => j.ErrorCode, outcome.Code)
            .SetProperty(j => j.Webhook, j => j.ReplyUrl == null ? null : "pending")
            .SetProperty(j => j.UpdatedAt, now), cancellationToken);
        if (finished == 1)
        {
            await db.Accounts.Where(a => a.Key == lease.Account.Key && a.Running > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Running, a => a.Running - 1), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return finished == 1;
    }

    /// <summary>A new job id: <c>j</c> and 24 hex digits.</summary>
    public static string NewJobId() => "j" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static async Task<ApiException> NoneFreeAsync(GatewayDb db, CancellationToken cancellationToken)
    {
        var total = await db.Accounts.CountAsync(cancellationToken);
        if (total == 0)
        {
            return new ApiException(StatusCodes.Status404NotFound, AccountEndpoints.NoAccounts);
        }
        return await db.Accounts.AnyAsync(a => a.Error == null, cancellationToken)
            ? Busy()
            : new ApiException(StatusCodes.Status503ServiceUnavailable,
                "every HeyGen account is out of service (its re-login failed); see GET /v1/heygen/accounts and re-add them with POST /v1/heygen/accounts");
    }

    private static ApiException Busy() => new(StatusCodes.Status429TooManyRequests,
        "every HeyGen account is running its maximum of jobs; retry in a few seconds, or add accounts with POST /v1/heygen/accounts");
}

/// <summary>A slot held for a job on an account.</summary>
internal sealed record Lease(string JobId, AccountRow Account);

/// <summary>How a job ended.</summary>
internal sealed record JobOutcome(string Status, string? Response, string? Error, int? Code)
{
    public static JobOutcome Completed(string response) => new(JobStatus.Completed, response, null, null);

    public static JobOutcome Failed(int code, string error) => new(JobStatus.Failed, null, error, code);
}

using System.Security.Cryptography;
using Mediagate.Server.Accounts;
using Mediagate.Server.Api;
using Mediagate.Server.Storage;
using Microsoft.AspNetCore.Http;
using System.Data.Common;
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
    private const string AccountColumns =
        "\"Key\", \"Email\", \"Kind\", \"MaxJobs\", \"Running\", \"Secrets\", \"Session\", \"SessionExpiresAt\", \"Error\", \"CreatedAt\", \"UpdatedAt\"";

    private const string JobColumns =
        "\"JobId\", \"TokenId\", \"Kind\", \"Email\", \"Status\", \"Async\", \"Request\", \"ReplyUrl\", \"ReplyRef\", \"Instance\", \"HoldsSlot\", \"CreatedAt\", \"UpdatedAt\", \"StartedAt\"";

    // The casts type the values that may be null, which PostgreSQL cannot infer inside a SELECT list.
    private const string JobValues =
        "@JobId, @TokenId, @Kind, @Key, @Status, @Async, @Request, CAST(@ReplyUrl AS text), CAST(@ReplyRef AS text), @Instance, @HoldsSlot, @CreatedAt, @UpdatedAt, CAST(@StartedAt AS bigint)";

    // PostgreSQL: the slot and the job in one statement, so one implicit transaction.
    private const string TakePostgres =
        "WITH slot AS (UPDATE accounts SET \"Running\" = \"Running\" + 1 WHERE \"Key\" = @Key AND \"Error\" IS NULL AND \"Running\" < \"MaxJobs\" RETURNING \"Key\") " +
        "INSERT INTO jobs (" + JobColumns + ") SELECT " + JobValues + " FROM slot";

    // SQLite: two statements in one explicit transaction; the insert happens only when the update took a slot.
    private const string TakeSqlite =
        "UPDATE accounts SET \"Running\" = \"Running\" + 1 WHERE \"Key\" = @Key AND \"Error\" IS NULL AND \"Running\" < \"MaxJobs\"; " +
        "INSERT INTO jobs (" + JobColumns + ") SELECT " + JobValues + " WHERE changes() = 1;";

    private const string FinishJob =
        "UPDATE jobs SET \"HoldsSlot\" = @False, \"Status\" = @Status, \"Response\" = @Response, \"Error\" = @Error, \"ErrorCode\" = @Code, " +
        "\"Webhook\" = CASE WHEN \"ReplyUrl\" IS NULL THEN NULL ELSE 'pending' END, \"UpdatedAt\" = @Now WHERE \"JobId\" = @JobId AND \"HoldsSlot\"";

    private const string ReleasePostgres =
        "WITH done AS (" + FinishJob + " RETURNING \"Email\"), " +
        "freed AS (UPDATE accounts SET \"Running\" = \"Running\" - 1 FROM done WHERE accounts.\"Key\" = done.\"Email\" AND accounts.\"Running\" > 0 RETURNING 1) " +
        "SELECT COUNT(*) FROM done";

    private const string ReleaseSqlite =
        FinishJob + "; UPDATE accounts SET \"Running\" = \"Running\" - 1 WHERE \"Key\" = @Key AND \"Running\" > 0 AND changes() = 1;";

    /// <summary>Takes a slot on <paramref name="email"/>'s account, or on a random account with a free one; records the job.</summary>
    /// <exception cref="ApiException">404 with no account (or not that one), 429 when every slot is busy, 503 when every account is out of service.</exception>
    public async Task<Lease> AcquireAsync(JobRow job, string? email, CancellationToken cancellationToken)
    {
        // The gate first, then the connection: a request waiting its turn holds no pooled connection.
        var gate = store.WriteGate;
        await gate.WaitAsync(cancellationToken);
        List<AccountRow> candidates;
        try
        {
            candidates = await CandidatesAsync(email, cancellationToken);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            job.HoldsSlot = true;
            job.Instance = instance.Id;
            job.CreatedAt = job.UpdatedAt = now;
            job.StartedAt = job.Status == JobStatus.Started ? now : null;
            await using var connection = await store.OpenAsync(cancellationToken);
            foreach (var candidate in candidates)
            {
                job.Email = candidate.Key;
                if (await TakeAsync(connection, job, cancellationToken))
                {
                    return new Lease(job.JobId, candidate);
                }
            }
        }
        finally
        {
            gate.Release();
        }
        throw email is null
            ? Busy()
            : new ApiException(StatusCodes.Status429TooManyRequests, $"account {email} is running its maximum of {candidates[0].MaxJobs} jobs; retry in a few seconds");
    }

    /// <summary>The accounts to try, in random order; or the one named.</summary>
    private async Task<List<AccountRow>> CandidatesAsync(string? email, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        List<AccountRow> candidates;
        if (email is null)
        {
            candidates = await ReadAccountsAsync(connection, $"SELECT {AccountColumns} FROM accounts WHERE \"Error\" IS NULL AND \"Running\" < \"MaxJobs\"", null, cancellationToken);
            if (candidates.Count == 0)
            {
                throw await NoneFreeAsync(cancellationToken);
            }
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(candidates));
        }
        else
        {
            var key = AccountStore.KeyOf(email);
            var account = (await ReadAccountsAsync(connection, $"SELECT {AccountColumns} FROM accounts WHERE \"Key\" = @Key", key, cancellationToken)).FirstOrDefault()
                ?? throw new ApiException(StatusCodes.Status404NotFound, AccountEndpoints.Unknown(email));
            if (account.Error is { } error)
            {
                throw new ApiException(StatusCodes.Status503ServiceUnavailable, $"account {account.Email} is out of service: {error}");
            }
            candidates = [account];
        }
        return candidates;
    }

    private async Task<bool> TakeAsync(DbConnection connection, JobRow job, CancellationToken cancellationToken)
    {
        (string, object?)[] values =
        [
            ("@Key", job.Email), ("@JobId", job.JobId), ("@TokenId", job.TokenId), ("@Kind", job.Kind), ("@Status", job.Status), ("@Async", job.Async),
            ("@Request", job.Request), ("@ReplyUrl", job.ReplyUrl), ("@ReplyRef", job.ReplyRef), ("@Instance", job.Instance), ("@HoldsSlot", true),
            ("@CreatedAt", job.CreatedAt), ("@UpdatedAt", job.UpdatedAt), ("@StartedAt", job.StartedAt),
        ];
        if (store.IsPostgres)
        {
            await using var take = Sql.Command(connection, TakePostgres, values);
            return await take.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = Sql.Command(connection, TakeSqlite, values);
        command.Transaction = transaction;
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 2)
        {
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        await transaction.RollbackAsync(cancellationToken);
        return false;
    }

    private static async Task<List<AccountRow>> ReadAccountsAsync(DbConnection connection, string sql, string? key, CancellationToken cancellationToken)
    {
        await using var command = key is null ? Sql.Command(connection, sql) : Sql.Command(connection, sql, ("@Key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AccountRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AccountRow
            {
                Key = reader.GetString(0),
                Email = reader.GetString(1),
                Kind = reader.GetString(2),
                MaxJobs = reader.GetInt32(3),
                Running = reader.GetInt32(4),
                Secrets = reader.GetString(5),
                Session = Sql.Text(reader, 6),
                SessionExpiresAt = Sql.Long(reader, 7),
                Error = Sql.Text(reader, 8),
                CreatedAt = reader.GetInt64(9),
                UpdatedAt = reader.GetInt64(10),
            });
        }
        return rows;
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
    public Task<bool> ReleaseAsync(Lease lease, JobOutcome outcome, CancellationToken cancellationToken) =>
        ReleaseAsync(lease.JobId, lease.Account.Key, outcome, cancellationToken);

    /// <summary>Finishes the job <paramref name="jobId"/> on the account <paramref name="accountKey"/>; the recovery of lost jobs uses it too.</summary>
    public async Task<bool> ReleaseAsync(string jobId, string accountKey, JobOutcome outcome, CancellationToken cancellationToken)
    {
        (string, object?)[] values =
        [
            ("@False", false), ("@Status", outcome.Status), ("@Response", outcome.Response), ("@Error", outcome.Error), ("@Code", outcome.Code),
            ("@Now", time.GetUtcNow().ToUnixTimeMilliseconds()), ("@JobId", jobId), ("@Key", accountKey),
        ];
        var gate = store.WriteGate;
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            if (store.IsPostgres)
            {
                await using var release = Sql.Command(connection, ReleasePostgres, values);
                return Convert.ToInt64(await release.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
            }
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = Sql.Command(connection, ReleaseSqlite, values);
            command.Transaction = transaction;
            var changed = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return changed >= 1;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A new job id: <c>j</c> and 24 hex digits.</summary>
    public static string NewJobId() => "j" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private async Task<ApiException> NoneFreeAsync(CancellationToken cancellationToken)
    {
        await using var db = store.Create();
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

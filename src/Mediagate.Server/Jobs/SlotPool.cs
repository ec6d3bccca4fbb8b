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
internal sealed class SlotPool(GatewayStore store, TimeProvider time, InstanceIdentity instance, SlotSignals signals)
{
    private const string AccountColumns =
        "\"Id\", \"TenantId\", \"Key\", \"Email\", \"Kind\", \"MaxJobs\", \"Running\", \"Secrets\", \"Session\", \"SessionExpiresAt\", \"Error\", \"CreatedAt\", \"UpdatedAt\"";

    private const string JobColumns =
        "\"JobId\", \"TokenId\", \"TenantId\", \"Kind\", \"Email\", \"AccountId\", \"Status\", \"Async\", \"Request\", \"ReplyUrl\", \"ReplyRef\", \"Instance\", \"HoldsSlot\", \"CreatedAt\", \"UpdatedAt\", \"StartedAt\", \"Characters\"";

    // The casts type the values that may be null, which PostgreSQL cannot infer inside a SELECT list.
    private const string JobValues =
        "@JobId, @TokenId, @Tenant, @Kind, @Key, @AccountId, @Status, @Async, @Request, CAST(@ReplyUrl AS text), CAST(@ReplyRef AS text), @Instance, @HoldsSlot, @CreatedAt, @UpdatedAt, CAST(@StartedAt AS bigint), CAST(@Characters AS integer)";

    // The account is picked and its slot taken in one statement: the named account, or a random one with a free slot, only
    // ever among the caller's tenant's accounts (the index on TenantId, Key serves it), never a deleted one.
    private const string PickWhere =
        "\"TenantId\" = @Tenant AND \"DeletedAt\" IS NULL AND \"Error\" IS NULL AND \"Running\" < \"MaxJobs\" AND (CAST(@Key AS text) IS NULL OR \"Key\" = @Key)";

    // PostgreSQL: pick (locking the row; in a batch, skipping rows that other batches hold), take and insert the job in one
    // statement.
    private static readonly string TakePostgresSkippingHeld = TakePostgresWith("SKIP LOCKED");

    private static readonly string TakePostgresWaiting = TakePostgresWith("");

    private static string TakePostgresWith(string wait) =>
        "WITH pick AS (SELECT \"Id\" FROM accounts WHERE " + PickWhere + " ORDER BY random() LIMIT 1 FOR UPDATE " + wait + "), " +
        "slot AS (UPDATE accounts a SET \"Running\" = a.\"Running\" + 1 FROM pick WHERE a.\"Id\" = pick.\"Id\" AND a.\"Running\" < a.\"MaxJobs\" " +
        "AND a.\"DeletedAt\" IS NULL AND a.\"Error\" IS NULL RETURNING a.*), " +
        "job AS (INSERT INTO jobs (" + JobColumns + ") SELECT " + JobValues.Replace("@Key", "slot.\"Key\"").Replace("@AccountId", "slot.\"Id\"") + " FROM slot) " +
        "SELECT " + AccountColumns + " FROM slot";

    // SQLite: the take, then the job, in one explicit transaction behind the process's write gate.
    private const string TakeSqlite =
        "UPDATE accounts SET \"Running\" = \"Running\" + 1 WHERE \"Id\" = (SELECT \"Id\" FROM accounts WHERE " + PickWhere + " ORDER BY random() LIMIT 1) " +
        "AND \"Running\" < \"MaxJobs\" RETURNING " + AccountColumns;

    private const string TakeOrder = "1";

    private const string InsertJob = "INSERT INTO jobs (" + JobColumns + ") VALUES (" + JobValues + ")";

    private const string FinishJob =
        "UPDATE jobs SET \"HoldsSlot\" = @False, \"Status\" = @Status, \"Response\" = @Response, \"Error\" = @Error, \"ErrorCode\" = @Code, \"AudioSeconds\" = CAST(@Seconds AS double precision), " +
        "\"Webhook\" = CASE WHEN \"ReplyUrl\" IS NULL THEN NULL ELSE 'pending' END, \"UpdatedAt\" = @Now WHERE \"JobId\" = @JobId AND \"HoldsSlot\"";

    // A release frees the slot of the account row its own job names, and only when that job still held it: an account deleted
    // and added again is the same row (see AccountRow.DeletedAt), and no job can free a slot another job took.
    private const string ReleasePostgres =
        "WITH done AS (" + FinishJob + " RETURNING \"AccountId\"), " +
        "freed AS (UPDATE accounts SET \"Running\" = \"Running\" - 1 FROM done WHERE accounts.\"Id\" = done.\"AccountId\" AND accounts.\"Running\" > 0 RETURNING 1) " +
        "SELECT COUNT(*) FROM done";

    private const string ReleaseSqlite =
        FinishJob + "; UPDATE accounts SET \"Running\" = \"Running\" - 1 WHERE \"Id\" = (SELECT \"AccountId\" FROM jobs WHERE \"JobId\" = @JobId) " +
        "AND \"Running\" > 0 AND changes() = 1;";

    /// <summary>Takes a slot on <paramref name="email"/>'s account, or on a random account with a free one; records the job.</summary>
    /// <exception cref="ApiException">404 with no account (or not that one), 429 when every slot is busy, 503 when every account is out of service.</exception>
    public async Task<Lease> AcquireAsync(JobRow job, string? email, CancellationToken cancellationToken)
    {
        var key = email is null ? null : AccountStore.KeyOf(email);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        job.HoldsSlot = true;
        job.Instance = instance.Id;
        job.CreatedAt = job.UpdatedAt = now;
        job.StartedAt = job.Status == JobStatus.Started ? now : null;
        var account = await store.Writes.RunAsync(TakeOrder, (write, ct) => TakeAsync(write, job, key, ct), cancellationToken);
        return account is null ? throw await NoSlotAsync(job.TenantId, email, cancellationToken) : new Lease(job.JobId, account, job.ReplyUrl is not null);
    }

    /// <summary>Takes a slot and records the job; the account that gave the slot, or null when none had one.</summary>
    private async Task<WriteResult<AccountRow?>> TakeAsync(WriteContext write, JobRow job, string? key, CancellationToken cancellationToken)
    {
        if (store.IsPostgres)
        {
            if (write.Batched)
            {
                // Rows other batches hold are skipped, so a batch never waits on a take, and finding none is not final.
                await using var batched = write.Command(TakePostgresSkippingHeld, JobParameters(job, key));
                return (await ReadAccountsAsync(batched, cancellationToken)).FirstOrDefault() is { } taken
                    ? WriteResult<AccountRow?>.Done(taken)
                    : WriteResult<AccountRow?>.Alone();
            }
            // Alone, each try is one statement locking one account row, so waiting for that row holds no other.
            List<string> keys = [];
            if (key is null)
            {
                await using var free = write.Command("SELECT \"Key\" FROM accounts WHERE " + PickWhere, ("@Tenant", job.TenantId), ("@Key", null));
                await using var reader = await free.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    keys.Add(reader.GetString(0));
                }
                Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys));
            }
            else
            {
                keys.Add(key);
            }
            foreach (var candidate in keys)
            {
                await using var take = write.Command(TakePostgresWaiting, JobParameters(job, candidate));
                if ((await ReadAccountsAsync(take, cancellationToken)).FirstOrDefault() is { } taken)
                {
                    return WriteResult<AccountRow?>.Done(taken);
                }
            }
            return WriteResult<AccountRow?>.Done(null);
        }
        await using var command = write.Command(TakeSqlite, ("@Tenant", job.TenantId), ("@Key", key));
        if ((await ReadAccountsAsync(command, cancellationToken)).FirstOrDefault() is not { } account)
        {
            return WriteResult<AccountRow?>.Done(null);
        }
        job.Email = account.Key;
        job.AccountId = account.Id;
        await using var insert = write.Command(InsertJob, JobParameters(job, account.Key, account.Id));
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return WriteResult<AccountRow?>.Done(account);
    }

    private static (string, object?)[] JobParameters(JobRow job, string? key, long? accountId = null) =>
    [
        ("@Key", key), ("@AccountId", accountId), ("@Tenant", job.TenantId), ("@JobId", job.JobId), ("@TokenId", job.TokenId), ("@Kind", job.Kind), ("@Status", job.Status), ("@Async", job.Async),
        ("@Request", job.Request), ("@ReplyUrl", job.ReplyUrl), ("@ReplyRef", job.ReplyRef), ("@Instance", job.Instance), ("@HoldsSlot", true),
        ("@CreatedAt", job.CreatedAt), ("@UpdatedAt", job.UpdatedAt), ("@StartedAt", job.StartedAt), ("@Characters", job.Characters),
    ];

    private static async Task<List<AccountRow>> ReadAccountsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AccountRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AccountRow
            {
                Id = reader.GetInt64(0),
                TenantId = reader.GetInt64(1),
                Key = reader.GetString(2),
                Email = reader.GetString(3),
                Kind = reader.GetString(4),
                MaxJobs = reader.GetInt32(5),
                Running = reader.GetInt32(6),
                Secrets = reader.GetString(7),
                Session = Sql.Text(reader, 8),
                SessionExpiresAt = Sql.Long(reader, 9),
                Error = Sql.Text(reader, 10),
                CreatedAt = reader.GetInt64(11),
                UpdatedAt = reader.GetInt64(12),
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
    public async Task<bool> ReleaseAsync(Lease lease, JobOutcome outcome, CancellationToken cancellationToken)
    {
        var released = await ReleaseAsync(lease.JobId, lease.Account.Id, outcome, cancellationToken);
        signals.Released(lease.Account.TenantId);
        return released;
    }

    /// <summary>
    /// Finishes the job <paramref name="jobId"/> and frees the slot it took on its account row (the job row names it;
    /// <paramref name="accountId"/> only orders the write); the recovery of lost jobs uses it too.
    /// </summary>
    public async Task<bool> ReleaseAsync(string jobId, long accountId, JobOutcome outcome, CancellationToken cancellationToken)
    {
        (string, object?)[] values =
        [
            ("@False", false), ("@Status", outcome.Status), ("@Response", outcome.Response), ("@Error", outcome.Error), ("@Code", outcome.Code), ("@Seconds", outcome.AudioSeconds),
            ("@Now", time.GetUtcNow().ToUnixTimeMilliseconds()), ("@JobId", jobId),
        ];
        if (store.IsPostgres)
        {
            // Releases commit in batches of their own, apart from the takes (see GatewayStore.Releases), sorted by account so that
            // two processes' batches lock account rows in one order. A release is never dropped for its caller's cancellation: a
            // slot that is taken must be given back.
            return await store.Releases.RunAsync($"0 {accountId:D19} {jobId}", async (write, ct) =>
            {
                await using var release = write.Command(ReleasePostgres, values);
                return WriteResult<bool>.Done(Convert.ToInt64(await release.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            }, CancellationToken.None);
        }
        // SQLite has one writer: the release joins the batch like a take, sorted before them.
        return await store.Writes.RunAsync($"0 {accountId:D19} {jobId}", async (write, ct) =>
        {
            await using var release = write.Command(ReleaseSqlite, values);
            return WriteResult<bool>.Done(await release.ExecuteNonQueryAsync(ct) >= 1);
        }, cancellationToken);
    }

    /// <summary>A new job id: <c>j</c> and 24 hex digits.</summary>
    public static string NewJobId() => "j" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Why no slot was taken: no account (404), none in service (503), or every slot busy (429).</summary>
    private async Task<ApiException> NoSlotAsync(long tenant, string? email, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        var accounts = db.Accounts.AsNoTracking().Where(a => a.TenantId == tenant && a.DeletedAt == null);
        if (email is not null)
        {
            var key = AccountStore.KeyOf(email);
            var account = await accounts.FirstOrDefaultAsync(a => a.Key == key, cancellationToken);
            return account switch
            {
                null => new ApiException(StatusCodes.Status404NotFound, AccountEndpoints.Unknown(email)),
                { Error: { } error } => new ApiException(StatusCodes.Status503ServiceUnavailable, $"account {account.Email} is out of service: {error}"),
                _ => new ApiException(StatusCodes.Status429TooManyRequests, $"account {email} is running its maximum of {account.MaxJobs} jobs; retry in a few seconds"),
            };
        }
        if (!await accounts.AnyAsync(cancellationToken))
        {
            return new ApiException(StatusCodes.Status404NotFound, AccountEndpoints.NoAccounts);
        }
        return await accounts.AnyAsync(a => a.Error == null, cancellationToken)
            ? Busy()
            : new ApiException(StatusCodes.Status503ServiceUnavailable,
                "every HeyGen account is out of service (its re-login failed); see GET /v1/heygen/accounts and re-add them with POST /v1/heygen/accounts");
    }

    private static ApiException Busy() => new(StatusCodes.Status429TooManyRequests,
        "every HeyGen account is running its maximum of jobs; retry in a few seconds, or add accounts with POST /v1/heygen/accounts");
}

/// <summary>A slot held for a job on an account; <paramref name="Webhook"/> when the job has a <c>replyUrl</c> to POST to when it ends.</summary>
internal sealed record Lease(string JobId, AccountRow Account, bool Webhook);

/// <summary>How a job ended.</summary>
/// <param name="AudioSeconds">The seconds of audio a speech job made, for metering.</param>
internal sealed record JobOutcome(string Status, string? Response, string? Error, int? Code, double? AudioSeconds = null)
{
    public static JobOutcome Completed(string response, double? audioSeconds = null) => new(JobStatus.Completed, response, null, null, audioSeconds);

    public static JobOutcome Failed(int code, string error) => new(JobStatus.Failed, null, error, code);
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Mediagate.Providers.HeyGen;
using Mediagate.Server.Api;
using Mediagate.Server.Security;
using Mediagate.Server.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.Accounts;

/// <summary>The accounts table: saves verified accounts with their secrets encrypted, and reads them back, one tenant at a time.</summary>
internal sealed class AccountStore(GatewayStore store, SecretBox box, TimeProvider time, GatewayOptions options)
{
    /// <summary>How long <see cref="ListingAsync"/> may answer from memory; other processes' changes show within this time.</summary>
    private static readonly TimeSpan ListingLifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<long, (long UpdatedAt, AccountSecrets Secrets)> _secrets = new();
    private readonly ConcurrentDictionary<long, Listing> _listings = new();

    public static string KeyOf(string email) => email.Trim().ToLowerInvariant();

    public Task<AccountRow> SaveWebAsync(long tenant, string email, string password, int maxJobs, HeyGenWebSession session, CancellationToken cancellationToken) =>
        UpsertAsync(tenant, email, AccountKinds.Web, maxJobs, new AccountSecrets
        {
            Password = password,
            HeygenSession = session.HeygenSession,
            AccessToken = session.AccessToken,
            SessionToken = session.SessionToken,
            Token = session.Token,
        }, PublicSession(session), session.ExpireTime, cancellationToken);

    public Task<AccountRow> SaveApiKeyAsync(long tenant, string email, string apiKey, int maxJobs, CancellationToken cancellationToken) =>
        UpsertAsync(tenant, email, AccountKinds.ApiKey, maxJobs, new AccountSecrets { ApiKey = apiKey }, null, null, cancellationToken);

    /// <summary>The tenant's accounts, by email.</summary>
    public async Task<List<AccountRow>> ListAsync(long tenant, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        return await db.Accounts.AsNoTracking().Where(a => a.TenantId == tenant && a.DeletedAt == null).OrderBy(a => a.Key).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The <c>GET /accounts</c> body (null when there is no account), rendered once and kept for a second: this process's own
    /// changes drop it at once, another process's show within the second.
    /// </summary>
    public async Task<byte[]?> ListingAsync(long tenant, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_listings.TryGetValue(tenant, out var cached) && time.GetElapsedTime(cached.At, now) < ListingLifetime)
        {
            return cached.Json;
        }
        var rows = await ListAsync(tenant, cancellationToken);
        var map = new Dictionary<string, AccountView>(rows.Count);
        foreach (var row in rows)
        {
            map[row.Email] = AccountView.Of(row);
        }
        var json = rows.Count == 0 ? null : System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(map, GatewayJson.Options);
        _listings[tenant] = new Listing(now, json);
        return json;
    }

    private void Changed(long tenant) => _listings.TryRemove(tenant, out _);

    private sealed record Listing(long At, byte[]? Json);

    /// <summary>The web accounts in service whose session expires at or before <paramref name="due"/> (Unix ms).</summary>
    public async Task<List<AccountRow>> DueForRenewalAsync(long due, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        return await db.Accounts.AsNoTracking()
            .Where(a => a.Kind == AccountKinds.Web && a.Error == null && a.DeletedAt == null && (a.SessionExpiresAt == null || a.SessionExpiresAt <= due))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The tenant's account with that email, or null.</summary>
    public async Task<AccountRow?> FindAsync(long tenant, string email, CancellationToken cancellationToken)
    {
        var key = KeyOf(email);
        await using var db = store.Create();
        return await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.TenantId == tenant && a.Key == key && a.DeletedAt == null, cancellationToken);
    }

    /// <summary>The account row, or null once it has been deleted.</summary>
    public async Task<AccountRow?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        return await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.DeletedAt == null, cancellationToken);
    }

    /// <summary>
    /// Deletes the tenant's account: no job takes its slots any more, and its running jobs finish. The row goes at once when
    /// nothing runs on it, else when its last job ends (<see cref="PurgeDeletedAsync"/>); added again before then, it comes back
    /// with its slots still counted. Returns how many accounts the tenant has left, or null when it had no such account.
    /// </summary>
    public async Task<int?> DeleteAsync(long tenant, string email, CancellationToken cancellationToken)
    {
        var key = KeyOf(email);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = store.Create();
        if (await db.Accounts.Where(a => a.TenantId == tenant && a.Key == key && a.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DeletedAt, now).SetProperty(a => a.UpdatedAt, a => a.UpdatedAt + 1), cancellationToken) == 0)
        {
            return null;
        }
        await db.Accounts.Where(a => a.TenantId == tenant && a.Key == key && a.DeletedAt != null && a.Running == 0).ExecuteDeleteAsync(cancellationToken);
        Changed(tenant);
        return await db.Accounts.CountAsync(a => a.TenantId == tenant && a.DeletedAt == null, cancellationToken);
    }

    /// <summary>Removes deleted accounts whose last job has ended (the sweeper calls it).</summary>
    public async Task PurgeDeletedAsync(CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        await db.Accounts.Where(a => a.DeletedAt != null && a.Running == 0).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Stores a renewed session and clears any error.</summary>
    public async Task<AccountRow?> RenewAsync(AccountRow account, HeyGenWebSession session, CancellationToken cancellationToken)
    {
        var old = Secrets(account);
        var secrets = old with
        {
            HeygenSession = session.HeygenSession,
            AccessToken = session.AccessToken,
            SessionToken = session.SessionToken,
            Token = session.Token,
        };
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var sealedSecrets = box.Protect(secrets);
        var publicSession = PublicSession(session).ToJsonString();
        await using var db = store.Create();
        await db.Accounts.Where(a => a.Id == account.Id && a.DeletedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Secrets, sealedSecrets)
            .SetProperty(a => a.Session, publicSession)
            .SetProperty(a => a.SessionExpiresAt, session.ExpireTime)
            .SetProperty(a => a.Error, (string?)null)
            .SetProperty(a => a.UpdatedAt, now), cancellationToken);
        Changed(account.TenantId);
        return await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == account.Id && a.DeletedAt == null, cancellationToken);
    }

    /// <summary>Takes an account out of service with the reason; the scheduler skips it until it is added again.</summary>
    public async Task MarkErrorAsync(AccountRow account, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = store.Create();
        await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Error, error)
            .SetProperty(a => a.UpdatedAt, now), cancellationToken);
        Changed(account.TenantId);
    }

    /// <summary>The account's decrypted secrets, cached until the row changes.</summary>
    public AccountSecrets Secrets(AccountRow account)
    {
        if (_secrets.TryGetValue(account.Id, out var cached) && cached.UpdatedAt == account.UpdatedAt)
        {
            return cached.Secrets;
        }
        var secrets = box.UnprotectAccount(account.Secrets);
        _secrets[account.Id] = (account.UpdatedAt, secrets);
        return secrets;
    }

    /// <summary>
    /// Adds the tenant's account or updates it (a deleted one whose jobs still run comes back with them counted), in a
    /// transaction that first locks the tenant's row, so two adds at once cannot both pass the tenant's account limit.
    /// </summary>
    /// <exception cref="ApiException">402 when the tenant has <see cref="GatewayOptions.MaxAccountsPerTenant"/> accounts already.</exception>
    private async Task<AccountRow> UpsertAsync(long tenant, string email, string kind, int maxJobs, AccountSecrets secrets, JsonObject? session, long? expiresAt, CancellationToken cancellationToken)
    {
        var key = KeyOf(email);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var attempt = 0; ; attempt++)
        {
            await using var db = store.Create();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Tenants.Where(t => t.Id == tenant).ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, t => t.Name), cancellationToken);
            var row = await db.Accounts.FirstOrDefaultAsync(a => a.TenantId == tenant && a.Key == key, cancellationToken);
            if ((row is null || row.DeletedAt is not null) && options.MaxAccountsPerTenant is { } limit
                && await db.Accounts.CountAsync(a => a.TenantId == tenant && a.DeletedAt == null, cancellationToken) >= limit)
            {
                throw new ApiException(StatusCodes.Status402PaymentRequired,
                    $"Subscription quantity exceeded: this tenant has its maximum of {limit} accounts (Gateway__MaxAccountsPerTenant); delete one with DELETE /v1/heygen/accounts/{{email}} first");
            }
            if (row is null)
            {
                row = new AccountRow { TenantId = tenant, Key = key, CreatedAt = now };
                db.Accounts.Add(row);
            }
            row.Email = email.Trim();
            row.Kind = kind;
            row.MaxJobs = maxJobs;
            row.Secrets = box.Protect(secrets);
            row.Session = session?.ToJsonString();
            row.SessionExpiresAt = expiresAt;
            row.Error = null;
            row.DeletedAt = null;
            row.UpdatedAt = Math.Max(now, row.UpdatedAt + 1);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                Changed(tenant);
                return row;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another request added the same email at the same moment, or the sweeper removed the deleted row this one
                // was bringing back: read again.
            }
        }
    }

    private static JsonObject PublicSession(HeyGenWebSession session) => new()
    {
        ["ExpireTime"] = session.ExpireTime,
        ["ExpireTimeUTC"] = session.ExpireTimeUtc,
        ["space_id"] = session.SpaceId,
        ["username"] = session.Username,
        ["ack_agreement"] = session.AckAgreement,
        ["internal"] = session.Internal,
        ["need_mfa"] = session.NeedMfa,
    };
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Mediagate.Providers.HeyGen;
using Mediagate.Server.Security;
using Mediagate.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.Accounts;

/// <summary>The accounts table: saves verified accounts with their secrets encrypted, and reads them back.</summary>
internal sealed class AccountStore(GatewayStore store, SecretBox box, TimeProvider time)
{
    /// <summary>How long <see cref="ListingAsync"/> may answer from memory; other processes' changes show within this time.</summary>
    private static readonly TimeSpan ListingLifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (long UpdatedAt, AccountSecrets Secrets)> _secrets = new();
    private volatile Listing? _listing;

    public static string KeyOf(string email) => email.Trim().ToLowerInvariant();

    public Task<AccountRow> SaveWebAsync(string email, string password, int maxJobs, HeyGenWebSession session, CancellationToken cancellationToken) =>
        UpsertAsync(email, AccountKinds.Web, maxJobs, new AccountSecrets
        {
            Password = password,
            HeygenSession = session.HeygenSession,
            AccessToken = session.AccessToken,
            SessionToken = session.SessionToken,
            Token = session.Token,
        }, PublicSession(session), session.ExpireTime, cancellationToken);

    public Task<AccountRow> SaveApiKeyAsync(string email, string apiKey, int maxJobs, CancellationToken cancellationToken) =>
        UpsertAsync(email, AccountKinds.ApiKey, maxJobs, new AccountSecrets { ApiKey = apiKey }, null, null, cancellationToken);

    public async Task<List<AccountRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        return await db.Accounts.AsNoTracking().OrderBy(a => a.Key).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The <c>GET /accounts</c> body (null when there is no account), rendered once and kept for a second: this process's own
    /// changes drop it at once, another process's show within the second.
    /// </summary>
    public async Task<byte[]?> ListingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_listing is { } cached && time.GetElapsedTime(cached.At, now) < ListingLifetime)
        {
            return cached.Json;
        }
        var rows = await ListAsync(cancellationToken);
        var map = new Dictionary<string, AccountView>(rows.Count);
        foreach (var row in rows)
        {
            map[row.Email] = AccountView.Of(row);
        }
        var json = rows.Count == 0 ? null : System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(map, GatewayJson.Options);
        _listing = new Listing(now, json);
        return json;
    }

    private void Changed() => _listing = null;

    private sealed record Listing(long At, byte[]? Json);

    /// <summary>The web accounts in service whose session expires at or before <paramref name="due"/> (Unix ms).</summary>
    public async Task<List<AccountRow>> DueForRenewalAsync(long due, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        return await db.Accounts.AsNoTracking()
            .Where(a => a.Kind == AccountKinds.Web && a.Error == null && (a.SessionExpiresAt == null || a.SessionExpiresAt <= due))
            .ToListAsync(cancellationToken);
    }

    public async Task<AccountRow?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var key = KeyOf(email);
        await using var db = store.Create();
        return await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Key == key, cancellationToken);
    }

    /// <summary>Deletes an account; its running jobs finish, and their slots go with it. Returns how many accounts remain, or null when it was unknown.</summary>
    public async Task<int?> DeleteAsync(string email, CancellationToken cancellationToken)
    {
        var key = KeyOf(email);
        await using var db = store.Create();
        if (await db.Accounts.Where(a => a.Key == key).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return null;
        }
        _secrets.TryRemove(key, out _);
        Changed();
        return await db.Accounts.CountAsync(cancellationToken);
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
        await db.Accounts.Where(a => a.Key == account.Key).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Secrets, sealedSecrets)
            .SetProperty(a => a.Session, publicSession)
            .SetProperty(a => a.SessionExpiresAt, session.ExpireTime)
            .SetProperty(a => a.Error, (string?)null)
            .SetProperty(a => a.UpdatedAt, now), cancellationToken);
        Changed();
        return await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Key == account.Key, cancellationToken);
    }

    /// <summary>Takes an account out of service with the reason; the scheduler skips it until it is added again.</summary>
    public async Task MarkErrorAsync(string key, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = store.Create();
        await db.Accounts.Where(a => a.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Error, error)
            .SetProperty(a => a.UpdatedAt, now), cancellationToken);
        Changed();
    }

    /// <summary>The account's decrypted secrets, cached until the row changes.</summary>
    public AccountSecrets Secrets(AccountRow account)
    {
        if (_secrets.TryGetValue(account.Key, out var cached) && cached.UpdatedAt == account.UpdatedAt)
        {
            return cached.Secrets;
        }
        var secrets = box.UnprotectAccount(account.Secrets);
        _secrets[account.Key] = (account.UpdatedAt, secrets);
        return secrets;
    }

    private async Task<AccountRow> UpsertAsync(string email, string kind, int maxJobs, AccountSecrets secrets, JsonObject? session, long? expiresAt, CancellationToken cancellationToken)
    {
        var key = KeyOf(email);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var attempt = 0; ; attempt++)
        {
            await using var db = store.Create();
            var row = await db.Accounts.FirstOrDefaultAsync(a => a.Key == key, cancellationToken);
            if (row is null)
            {
                row = new AccountRow { Key = key, CreatedAt = now };
                db.Accounts.Add(row);
            }
            row.Email = email.Trim();
            row.Kind = kind;
            row.MaxJobs = maxJobs;
            row.Secrets = box.Protect(secrets);
            row.Session = session?.ToJsonString();
            row.SessionExpiresAt = expiresAt;
            row.Error = null;
            row.UpdatedAt = Math.Max(now, row.UpdatedAt + 1);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                Changed();
                return row;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another request added the same email at the same moment: update that row instead.
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

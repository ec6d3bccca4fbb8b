using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mediagate.Server.Security;
using Mediagate.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.Tokens;

/// <summary>
/// API tokens of the form <c>user:ID-SECRET</c>, as useapi.net's look. Only SHA-256 of the secret is stored; a presented token
/// is found by its id and its secret compared in constant time. Verified tokens are trusted for
/// <see cref="GatewayOptions.TokenCacheLifetime"/>, so a revocation reaches a running gateway within that time.
/// </summary>
internal sealed class TokenStore(GatewayStore store, SecretBox box, TimeProvider time, GatewayOptions options)
{
    public const string Prefix = "user:";
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int SecretLength = 40;
    private static readonly System.Buffers.SearchValues<char> AlphabetValues = System.Buffers.SearchValues.Create(Alphabet);
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>Compared with when the id is unknown, so that an unknown id costs what a wrong secret costs.</summary>
    private static readonly byte[] NoSuchToken = SHA256.HashData("no such token"u8);

    private readonly object _refreshGate = new();
    private volatile Snapshot? _snapshot;
    private Task<Snapshot>? _refresh;
    private long _generation;

    /// <summary>
    /// Creates a token. With no <paramref name="tenant"/> it gets a tenant of its own, named after it; otherwise it joins the
    /// existing tenant of that name (or id), sharing its accounts and jobs.
    /// </summary>
    public async Task<CreatedToken> CreateAsync(string name, DateTimeOffset? expires, CancellationToken cancellationToken, string? tenant = null)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            throw new TokenException("--name must be 1 to 100 printable characters");
        }
        var now = time.GetUtcNow();
        if (expires is { } at && at <= now)
        {
            throw new TokenException($"--expires {at:yyyy-MM-dd HH:mm}Z is already past; give a future date such as {now.AddYears(1):yyyy-MM-dd}");
        }
        await using var db = store.Create();
        if (await db.Tokens.AnyAsync(t => t.Name == name, cancellationToken))
        {
            throw new TokenException($"a token named '{name}' exists already; pick another name, or revoke it with 'mediagate tokens revoke {name}'");
        }
        TenantRow owner;
        if (tenant is not null)
        {
            owner = await FindTenantAsync(db, tenant.Trim(), cancellationToken)
                ?? throw new TokenException($"there is no tenant named '{tenant}'; 'mediagate tokens list' shows the tenants, or leave --tenant out to make a new one");
        }
        else
        {
            if (await db.Tenants.AnyAsync(t => t.Name == name, cancellationToken))
            {
                throw new TokenException($"a tenant named '{name}' exists already; add '--tenant {name}' to join it, or pick another name");
            }
            owner = new TenantRow { Name = name, CreatedAt = now.ToUnixTimeMilliseconds() };
            db.Tenants.Add(owner);
        }
        var secret = RandomNumberGenerator.GetString(Alphabet, SecretLength);
        var webhookSecret = "whsec_" + RandomNumberGenerator.GetString(Alphabet, 32);
        var row = new ApiTokenRow
        {
            Name = name,
            SecretHash = SHA256.HashData(Encoding.UTF8.GetBytes(secret)),
            WebhookSecret = box.ProtectWebhookSecret(webhookSecret),
            CreatedAt = now.ToUnixTimeMilliseconds(),
            ExpiresAt = expires?.ToUnixTimeMilliseconds(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            row.TenantId = owner.Id;
            db.Tokens.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new TokenException($"a token or tenant named '{name}' was created at the same moment; pick another name");
        }
        Invalidate();
        return new CreatedToken(row.Id, name, $"{Prefix}{row.Id.ToString(CultureInfo.InvariantCulture)}-{secret}", webhookSecret, expires, owner.Id, owner.Name);
    }

    private static async Task<TenantRow?> FindTenantAsync(GatewayDb db, string nameOrId, CancellationToken cancellationToken)
    {
        var id = long.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        return await db.Tenants.FirstOrDefaultAsync(t => t.Name == nameOrId, cancellationToken)
            ?? await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<TokenListing>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        var rows = await db.Tokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return [.. rows.Select(r => new TokenListing(r.Id, r.Name, r.TenantId, tenants.GetValueOrDefault(r.TenantId, "?"),
            Time(r.CreatedAt)!.Value, Time(r.ExpiresAt), Time(r.RevokedAt), StateOf(r, now)))];
    }

    /// <summary>Marks a token inactive by name or id; false when there is no such token.</summary>
    public async Task<bool> RevokeAsync(string nameOrId, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        var id = long.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var row = await db.Tokens.FirstOrDefaultAsync(t => t.Name == nameOrId, cancellationToken)
            ?? await db.Tokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (row is null)
        {
            return false;
        }
        row.RevokedAt ??= time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(cancellationToken);
        Invalidate();
        return true;
    }

    /// <summary>Checks a presented token: active, inactive (revoked or expired), or not a token of this gateway.</summary>
    /// <remarks>
    /// Known and unknown ids take the same work: the whole table is read at once (tokens are few, made by the operator), and a
    /// secret is hashed and compared whether or not its id exists, so the time of an answer does not say which ids exist.
    /// </remarks>
    public async ValueTask<TokenCheck> VerifyAsync(string? presented, CancellationToken cancellationToken)
    {
        if (!TryParse(presented, out var id, out var secret))
        {
            return TokenCheck.Invalid;
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var snapshot = _snapshot;
        if (snapshot is null || now - snapshot.FetchedAt > options.TokenCacheLifetime.TotalMilliseconds)
        {
            snapshot = await RefreshAsync(cancellationToken);
        }
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> utf8 = stackalloc byte[SecretLength];
        var length = Encoding.ASCII.GetBytes(secret, utf8);
        SHA256.HashData(utf8[..length], hash);
        var found = snapshot.Rows.TryGetValue(id, out var row);
        if (!CryptographicOperations.FixedTimeEquals(hash, found ? row!.SecretHash : NoSuchToken) || !found)
        {
            return new TokenCheck(TokenState.Invalid, null, id);
        }
        return StateOf(row!, now) == TokenState.Active
            ? new TokenCheck(TokenState.Active, new Caller(id, row!.Name, row!.TenantId), id)
            : new TokenCheck(TokenState.Inactive, null, id);
    }

    /// <summary>One read of the table however many requests find the snapshot stale at once.</summary>
    private async Task<Snapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        Task<Snapshot> load;
        lock (_refreshGate)
        {
            load = _refresh ??= LoadAsync(_generation);
        }
        return await load.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets the snapshot after this process changed the table, and any read already under way: that read may have begun
    /// before the change was committed, and a snapshot without a token just made would refuse it until the next refresh.
    /// </summary>
    private void Invalidate()
    {
        lock (_refreshGate)
        {
            _generation++;
            _snapshot = null;
            _refresh = null;
        }
    }

    private async Task<Snapshot> LoadAsync(long generation)
    {
        await Task.Yield(); // Runs after RefreshAsync has stored the task, so the finally below clears the right one.
        try
        {
            await using var db = store.Create();
            var rows = await db.Tokens.AsNoTracking().ToDictionaryAsync(t => t.Id, CancellationToken.None);
            var snapshot = new Snapshot(rows, time.GetUtcNow().ToUnixTimeMilliseconds());
            lock (_refreshGate)
            {
                if (generation == _generation)
                {
                    _snapshot = snapshot;
                }
            }
            return snapshot;
        }
        finally
        {
            lock (_refreshGate)
            {
                if (generation == _generation)
                {
                    _refresh = null;
                }
            }
        }
    }

    /// <summary>Reads a token canonically: <c>user:</c>, an id without leading zeros or sign, <c>-</c>, and a secret of 40 letters and digits.</summary>
    private static bool TryParse(string? presented, out long id, out string secret)
    {
        id = 0;
        secret = "";
        if (presented is null || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var dash = presented.IndexOf('-', Prefix.Length);
        var digits = dash < 0 ? default : presented.AsSpan(Prefix.Length, dash - Prefix.Length);
        if (digits.Length is 0 or > 18 || digits[0] == '0' || digits.IndexOfAnyExcept(Digits) >= 0
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return false;
        }
        secret = presented[(dash + 1)..];
        return secret.Length == SecretLength && secret.AsSpan().IndexOfAnyExcept(AlphabetValues) < 0;
    }

    private static TokenState StateOf(ApiTokenRow row, long now) =>
        row.RevokedAt is null && (row.ExpiresAt is not { } expires || expires > now) ? TokenState.Active : TokenState.Inactive;

    private static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    private sealed record Snapshot(Dictionary<long, ApiTokenRow> Rows, long FetchedAt);
}

/// <summary>Active, or inactive (revoked or expired), or invalid (unknown or wrong).</summary>
internal enum TokenState
{
    Invalid,
    Inactive,
    Active,
}

/// <summary>The outcome of checking a token, with the caller when it is active.</summary>
/// <param name="PresentedId">The id the token named, when it parsed: failures are counted per id.</param>
internal sealed record TokenCheck(TokenState State, Caller? Caller, long? PresentedId = null)
{
    public static TokenCheck Invalid { get; } = new(TokenState.Invalid, null);
}

/// <summary>Who is calling: the token's id and name, and the tenant whose accounts and jobs it reaches.</summary>
internal sealed record Caller(long TokenId, string Name, long TenantId);

/// <summary>A new token; the only time its secret is seen.</summary>
internal sealed record CreatedToken(long Id, string Name, string Token, string WebhookSecret, DateTimeOffset? ExpiresAt, long TenantId, string Tenant);

/// <summary>A token as <c>tokens list</c> shows it: never its secret.</summary>
internal sealed record TokenListing(long Id, string Name, long TenantId, string Tenant, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, TokenState State);

/// <summary>A token command cannot be done; the message says why and what to do.</summary>
internal sealed class TokenException(string message) : Exception(message);

using Mediagate.Server.Accounts;
using Mediagate.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.HeyGenV3;

/// <summary>The voice clones made through the gateway: which tenant owns each and which account it lives on.</summary>
/// <remarks>
/// Every speech call asks whose its voice is, so the table (clones are few) is read whole into a snapshot that lives for
/// <see cref="SnapshotLifetime"/>, as <c>TokenStore</c> keeps the tokens: this process's own clones and deletions show at once,
/// other processes' within that time.
/// </remarks>
internal sealed class CloneStore(GatewayStore store, AccountStore accounts, TimeProvider time)
{
    /// <summary>How long the snapshot of the clone table is used before it is read again.</summary>
    public static readonly TimeSpan SnapshotLifetime = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>Records a clone made on <paramref name="accountId"/> for <paramref name="tenant"/>.</summary>
    public async Task AddAsync(long tenant, long accountId, string voiceId, string name, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        db.VoiceClones.Add(new VoiceCloneRow
        {
            VoiceId = voiceId,
            TenantId = tenant,
            AccountId = accountId,
            Name = name.Length <= 200 ? name : name[..200],
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        _snapshot = null;
    }

    /// <summary>Who may use <paramref name="voiceId"/> from <paramref name="tenant"/>: a clone of its own (with its account), another tenant's, or neither.</summary>
    public async Task<CloneOwner> OwnerAsync(long tenant, string voiceId, CancellationToken cancellationToken)
    {
        var clones = await ClonesAsync(cancellationToken);
        if (!clones.TryGetValue(voiceId, out var clone))
        {
            return CloneOwner.None;
        }
        if (clone.TenantId != tenant)
        {
            return CloneOwner.ForeignClone;
        }
        var account = await accounts.FindAsync(clone.AccountId, cancellationToken);
        return new CloneOwner(true, false, account?.Email);
    }

    /// <summary>The ids of clones recorded for tenants other than <paramref name="tenant"/> among <paramref name="voiceIds"/>.</summary>
    public async Task<HashSet<string>> ForeignAsync(long tenant, IReadOnlyCollection<string> voiceIds, CancellationToken cancellationToken)
    {
        var clones = await ClonesAsync(cancellationToken);
        return [.. voiceIds.Where(id => clones.TryGetValue(id, out var clone) && clone.TenantId != tenant)];
    }

    private async Task<IReadOnlyDictionary<string, (long TenantId, long AccountId)>> ClonesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_snapshot is { } fresh && now - fresh.At < SnapshotLifetime)
        {
            return fresh.Clones;
        }
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } again && now - again.At < SnapshotLifetime)
            {
                return again.Clones;
            }
            await using var db = store.Create();
            var rows = await db.VoiceClones.AsNoTracking().Select(c => new { c.VoiceId, c.TenantId, c.AccountId }).ToListAsync(cancellationToken);
            var snapshot = new Snapshot(now, rows.ToDictionary(r => r.VoiceId, r => (r.TenantId, r.AccountId), StringComparer.Ordinal));
            _snapshot = snapshot;
            return snapshot.Clones;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets a deleted clone.</summary>
    public async Task RemoveAsync(string voiceId, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        await db.VoiceClones.Where(c => c.VoiceId == voiceId).ExecuteDeleteAsync(cancellationToken);
        _snapshot = null;
    }

    private sealed record Snapshot(DateTimeOffset At, Dictionary<string, (long TenantId, long AccountId)> Clones);
}

/// <summary>Whose a voice id is, seen from one tenant.</summary>
/// <param name="Mine">A clone this tenant made through the gateway.</param>
/// <param name="Foreign">A clone another tenant made: to this tenant it does not exist.</param>
/// <param name="Email">The account a clone of this tenant lives on; null when that account was deleted.</param>
internal sealed record CloneOwner(bool Mine, bool Foreign, string? Email)
{
    public static CloneOwner None { get; } = new(false, false, null);

    public static CloneOwner ForeignClone { get; } = new(false, true, null);
}

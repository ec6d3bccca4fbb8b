using Mediagate.Server.Accounts;
using Mediagate.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.HeyGenV3;

/// <summary>The voice clones made through the gateway: which tenant owns each and which account it lives on.</summary>
/// <remarks>
/// Every speech call asks whose its voice is, so the table (clones are few) is read whole into a snapshot that lives for
/// <see cref="SnapshotLifetime"/>. The snapshot only ever answers "recorded": an id it does not hold is looked up in the
/// database itself, so a clone another process recorded a moment ago is never taken for an unknown voice (a stale list must
/// never decide ownership). Ids HeyGen called public are remembered, so speech with a catalogue voice skips that lookup.
/// </remarks>
internal sealed class CloneStore(GatewayStore store, AccountStore accounts, TimeProvider time)
{
    /// <summary>How long the snapshot of the clone table is used before it is read again.</summary>
    public static readonly TimeSpan SnapshotLifetime = TimeSpan.FromSeconds(2);

    /// <summary>How many public voice ids are remembered (the catalogue is a few hundred).</summary>
    private const int MaxPublicIds = 10_000;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _public = new(StringComparer.Ordinal);
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
            if (IsPublic(voiceId))
            {
                return CloneOwner.None;
            }
            await using var db = store.Create();
            var row = await db.VoiceClones.AsNoTracking().Where(c => c.VoiceId == voiceId)
                .Select(c => new { c.TenantId, c.AccountId }).FirstOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                return CloneOwner.None;
            }
            clone = (row.TenantId, row.AccountId);
        }
        if (clone.TenantId != tenant)
        {
            return CloneOwner.ForeignClone;
        }
        var account = await accounts.FindAsync(clone.AccountId, cancellationToken);
        return new CloneOwner(true, false, account?.Email);
    }

    /// <summary>The tenants recorded for those of <paramref name="voiceIds"/> that are clones, read from the database itself.</summary>
    public async Task<Dictionary<string, long>> RecordedAsync(IReadOnlyCollection<string> voiceIds, CancellationToken cancellationToken)
    {
        if (voiceIds.Count == 0)
        {
            return [];
        }
        await using var db = store.Create();
        var rows = await db.VoiceClones.AsNoTracking().Where(c => voiceIds.Contains(c.VoiceId)).Select(c => new { c.VoiceId, c.TenantId }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.VoiceId, r => r.TenantId, StringComparer.Ordinal);
    }

    /// <summary>True when HeyGen has called <paramref name="voiceId"/> a public voice.</summary>
    public bool IsPublic(string voiceId) => _public.ContainsKey(voiceId);

    /// <summary>Remembers that HeyGen called <paramref name="voiceId"/> a public voice (a catalogue voice is never anyone's clone).</summary>
    public void NotePublic(string voiceId)
    {
        if (_public.Count < MaxPublicIds)
        {
            _public.TryAdd(voiceId, true);
        }
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

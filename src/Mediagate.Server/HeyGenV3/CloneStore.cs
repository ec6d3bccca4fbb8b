using Mediagate.Server.Accounts;
using Mediagate.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.HeyGenV3;

/// <summary>The voice clones made through the gateway: which tenant owns each and which account it lives on.</summary>
internal sealed class CloneStore(GatewayStore store, AccountStore accounts, TimeProvider time)
{
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
    }

    /// <summary>Who may use <paramref name="voiceId"/> from <paramref name="tenant"/>: a clone of its own (with its account), another tenant's, or neither.</summary>
    public async Task<CloneOwner> OwnerAsync(long tenant, string voiceId, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        var clone = await db.VoiceClones.AsNoTracking().FirstOrDefaultAsync(c => c.VoiceId == voiceId, cancellationToken);
        if (clone is null)
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
        if (voiceIds.Count == 0)
        {
            return [];
        }
        await using var db = store.Create();
        return [.. await db.VoiceClones.AsNoTracking().Where(c => voiceIds.Contains(c.VoiceId) && c.TenantId != tenant).Select(c => c.VoiceId).ToListAsync(cancellationToken)];
    }

    /// <summary>Forgets a deleted clone.</summary>
    public async Task RemoveAsync(string voiceId, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        await db.VoiceClones.Where(c => c.VoiceId == voiceId).ExecuteDeleteAsync(cancellationToken);
    }
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

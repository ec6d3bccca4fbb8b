using System.Text.Json.Nodes;
using Mediagate.Credentials;
using Mediagate.Server.Api;
using Mediagate.Server.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// Decides, inside a job and on the account it holds, whether the caller may use a voice id: its own clone, a public voice, or
/// (on an account no other tenant pools) any voice of that account. Another tenant's clone, and on an account another tenant
/// also pools any private voice not recorded for the caller, is answered exactly as an id HeyGen does not know.
/// </summary>
/// <remarks>
/// Ownership is read fresh (<see cref="CloneStore.OwnerAsync"/>, the accounts table), never from a deny-list: a clone made a
/// moment ago on another process, or not yet recorded at all, is private on HeyGen's side and so refused on a shared account.
/// </remarks>
internal sealed class VoiceAccess(GatewayStore store, CloneStore clones, V3Upstream upstream)
{
    /// <summary>HeyGen's own words for a voice id it does not know, on speech (400).</summary>
    public static ApiException UnknownSpeechVoice(string voiceId) =>
        ApiException.BadRequest($"voice_id '{voiceId}' is not a Starfish voice; list them with GET /v3/voices?engine=starfish");

    /// <summary>HeyGen's own words for a voice id it does not know, on <c>/v3/voices/{id}</c> (404).</summary>
    public static ApiException UnknownVoice() => new(StatusCodes.Status404NotFound, "Voice not found");

    /// <summary>Throws <paramref name="unknown"/> unless <paramref name="owner"/>'s voice may be used on <paramref name="account"/>.</summary>
    public async Task CheckAsync(CloneOwner owner, string voiceId, AccountRow account, HeyGenCredential credential, Func<ApiException> unknown, CancellationToken cancellationToken)
    {
        if (owner.Mine)
        {
            return;
        }
        if (owner.Foreign)
        {
            throw unknown();
        }
        if (clones.IsPublic(voiceId))
        {
            return;
        }
        // HeyGen is asked what the id is even on an unshared account, once: a public voice is remembered, and later calls with it
        // read neither the clone table nor the accounts.
        var shared = await SharedAsync(account, cancellationToken);
        JsonObject answer;
        try
        {
            answer = await upstream.SendAsync(credential, HttpMethod.Get, "v3/voices/" + Uri.EscapeDataString(voiceId), null, cancellationToken);
        }
        catch (ApiException ex) when (ex.Status == StatusCodes.Status404NotFound && shared)
        {
            throw unknown();
        }
        catch (Exception ex) when (!shared && ex is ApiException or Mediagate.Http.ProviderException { IsUnauthorized: false })
        {
            // Unshared: the account's voices are the caller's, so the call goes on and HeyGen itself answers for the id.
            return;
        }
        if (!MayShow(answer["data"] as JsonObject ?? answer, owner, shared))
        {
            throw unknown();
        }
    }

    /// <summary>True when a voice HeyGen described may be shown to a caller: public, its own clone, or any on an unshared account.</summary>
    public bool MayShow(JsonObject voice, CloneOwner owner, bool shared)
    {
        if (owner.Foreign)
        {
            return false;
        }
        if (voice["type"] is JsonValue type && type.TryGetValue<string>(out var kind) && kind == "public" && voice["voice_id"] is JsonValue id && id.TryGetValue<string>(out var voiceId))
        {
            clones.NotePublic(voiceId);
            return true;
        }
        return owner.Mine || !shared;
    }

    /// <summary>Removes from a HeyGen voice list what the caller may not see: others' clones, and unrecorded private voices of a shared account.</summary>
    public async Task FilterAsync(JsonArray voices, long tenant, AccountRow account, CancellationToken cancellationToken)
    {
        var keep = await VisibleAsync([.. voices.OfType<JsonObject>()], tenant, account, cancellationToken);
        foreach (var voice in voices.OfType<JsonObject>().Where(v => !keep.Contains(v)).ToList())
        {
            voices.Remove(voice);
        }
    }

    /// <summary>The voices of <paramref name="voices"/> the caller may see (the rule of <see cref="FilterAsync"/>).</summary>
    public async Task<List<JsonObject>> VisibleAsync(List<JsonObject> voices, long tenant, AccountRow account, CancellationToken cancellationToken)
    {
        var recorded = await clones.RecordedAsync([.. voices.Select(VoiceId).OfType<string>()], cancellationToken);
        var shared = await SharedAsync(account, cancellationToken);
        return [.. voices.Where(voice => VoiceId(voice) is { } id && MayShow(voice, recorded.TryGetValue(id, out var who)
            ? who == tenant ? new CloneOwner(true, false, account.Email) : CloneOwner.ForeignClone
            : CloneOwner.None, shared))];
    }

    /// <summary>True when another tenant pools the same HeyGen account (read now: a tenant may have added it a moment ago).</summary>
    public async Task<bool> SharedAsync(AccountRow account, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        return await db.Accounts.AsNoTracking().AnyAsync(a => a.Key == account.Key && a.TenantId != account.TenantId && a.DeletedAt == null, cancellationToken);
    }

    private static string? VoiceId(JsonObject voice) => voice["voice_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
}

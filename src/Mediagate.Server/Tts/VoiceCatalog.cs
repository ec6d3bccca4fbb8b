using Mediagate.Providers.HeyGen;
using Mediagate.Server.Accounts;
using Mediagate.Server.Api;
using Mediagate.Server.Storage;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.Tts;

/// <summary>HeyGen's voices in the useapi.net shape, fetched with any healthy account of the tenant and kept for ten minutes per tenant.</summary>
/// <remarks>Per tenant, so no tenant's call runs on another tenant's account, and a tenant without accounts gets 404 as useapi.net answers.</remarks>
internal sealed class VoiceCatalog(AccountStore accounts, SessionKeeper sessions, Upstream upstream, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, SemaphoreSlim> _gates = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (DateTimeOffset At, IReadOnlyList<HeyGenVoice> Voices)> _cached = new();

    public async Task<IReadOnlyList<HeyGenVoice>> VoicesAsync(long tenant, CancellationToken cancellationToken)
    {
        if (_cached.TryGetValue(tenant, out var hit) && time.GetUtcNow() - hit.At < Lifetime)
        {
            return hit.Voices;
        }
        var gate = _gates.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached.TryGetValue(tenant, out var again) && time.GetUtcNow() - again.At < Lifetime)
            {
                return again.Voices;
            }
            var all = await accounts.ListAsync(tenant, cancellationToken);
            var account = all.FirstOrDefault(a => a.Error is null)
                ?? throw new ApiException(all.Count == 0 ? StatusCodes.Status404NotFound : StatusCodes.Status503ServiceUnavailable,
                    all.Count == 0 ? AccountEndpoints.NoAccounts : "every HeyGen account is out of service; re-add them with POST /v1/heygen/accounts");
            var credential = await sessions.CredentialAsync(account, false, cancellationToken);
            var voices = await upstream.Speech.ListVoicesAsync(credential, 100, cancellationToken);
            _cached[tenant] = (time.GetUtcNow(), voices);
            return voices;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Checks the fields that depend on the voice: language, engine and emotion.</summary>
    public async Task CheckAsync(long tenant, TtsRequest request, CancellationToken cancellationToken)
    {
        if (request.LanguageCode is null && request.Emotion is null && request.Engine is null or "auto" or "starfish")
        {
            return;
        }
        var voices = await VoicesAsync(tenant, cancellationToken);
        if (request.LanguageCode is { } code && !voices.Any(v => string.Equals(v.Language, code, StringComparison.OrdinalIgnoreCase)))
        {
            throw ApiException.BadRequest($"language_code '{code}' is not one of GET /v1/heygen/tts/languages: {string.Join(", ", Languages(voices))}");
        }
        var voice = voices.FirstOrDefault(v => v.VoiceId == request.VoiceId);
        if (request.Engine is { } engine and not ("auto" or "starfish"))
        {
            throw ApiException.BadRequest($"engine {engine} is not available for voice {request.VoiceId}; its voice_engines are: starfish");
        }
        if (request.Emotion is { } emotion && voice is not null)
        {
            throw ApiException.BadRequest($"Invalid emotion ({emotion}), voice {request.VoiceId} has no clone_emotions; leave emotion out");
        }
    }

    public static IEnumerable<string> Languages(IEnumerable<HeyGenVoice> voices) =>
        voices.Select(v => v.Language).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
}

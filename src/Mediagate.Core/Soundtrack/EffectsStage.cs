using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Http;

namespace Mediagate.Soundtrack;

/// <summary>An effect found for a cue name.</summary>
internal sealed record FoundEffect(string File, string Provider, string Matched, AudioPiece Audio, bool Cached, ChainDecision? Chain);

/// <summary>
/// The effects stage: finds each distinct cue name through the effects chain, a few at a time, while the voice speaks. A name
/// that no provider has is left out and recorded as an anomaly; the caller's token stops every fetch when a voice line fails.
/// </summary>
internal sealed partial class EffectsStage(SoundtrackJobContext context, SoundtrackLayout layout)
{
    /// <summary>How many effects are fetched at once.</summary>
    public const int Concurrency = 4;

    private const int Rate = MixSettings.SampleRate;

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonAlphanumeric();

    /// <summary>The file name the peer gives an effect: lower case, runs of other characters as '-', at most 40 characters.</summary>
    public static string Slug(string name)
    {
        var slug = NonAlphanumeric().Replace(name.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
        return slug.Length == 0 ? "sfx" : slug;
    }

    public async Task<Dictionary<string, FoundEffect>> FetchAsync(SoundtrackRequest request, ConcurrentQueue<Anomaly> anomalies, CancellationToken cancellationToken)
    {
        var names = request.Lines.SelectMany(l => l.Sfx).Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, FoundEffect>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            context.Progress?.Invoke(new PieceUpdate($"sfx:{name}", PieceState.Waiting));
        }
        // Two names may share a slug ("Whoosh" and "whoosh!"); each keeps its own file.
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var slug = Slug(name);
            var unique = slug;
            for (var n = 2; files.ContainsValue(unique); n++)
            {
                unique = $"{slug}-{n}";
            }
            files[name] = unique;
        }
        using var slots = new SemaphoreSlim(Concurrency);
        var results = await Task.WhenAll(names.Select(async name =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // On the pool: a bundled effect renders synchronously, and it must not hold up the others or the narration.
                return await Task.Run(() => FetchOneAsync(name, layout.Effect(files[name]), anomalies, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        for (var i = 0; i < names.Count; i++)
        {
            if (results[i] is { } effect)
            {
                found[names[i]] = effect;
            }
        }
        return found;
    }

    private async Task<FoundEffect?> FetchOneAsync(string name, string file, ConcurrentQueue<Anomaly> anomalies, CancellationToken cancellationToken)
    {
        var piece = $"sfx:{name}";
        var chain = context.Chains.Effects;
        var key = SoundtrackCache.Key("sfx", "heygen", name);
        if (chain.Chosen == "heygen" && context.Cache.Find(key) is { } hit)
        {
            context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Cached, "heygen"));
            return new FoundEffect(file, "heygen", JsonFields.Text(hit.Record, "matched") ?? name, new AudioPiece(StereoAudio.Read(hit.Audio, Rate), 2, hit.Audio), true, null);
        }
        context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Working, chain.Chosen ?? ""));
        try
        {
            var outcome = await chain.RunAsync(ChainWording.Auto, (provider, _, token) => provider.FindAsync(name, Rate, token), cancellationToken).ConfigureAwait(false);
            var sound = outcome.Value;
            if (sound.CachedFile is null)
            {
                Pcm16.Quantize(sound.Stereo);
            }
            var cachedFile = sound.CachedFile;
            if (outcome.Provider == "heygen")
            {
                cachedFile = context.Cache.PutAudio(key, sound.Stereo, Rate, 2);
                context.Cache.Finish(key, new JsonObject { ["provider"] = "heygen", ["matched"] = sound.Matched });
            }
            context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Done, outcome.Provider));
            return new FoundEffect(file, outcome.Provider, sound.Matched, new AudioPiece(sound.Stereo, 2, cachedFile), false, outcome.Decision);
        }
        catch (ChainFailedException ex)
        {
            anomalies.Enqueue(new Anomaly("sfx_not_found", piece, $"no sound found for \"{name}\" ({ChainWording.Reasons(ex.Decision.Links)}); the cue was left out. See mediagate sfx search."));
            context.Progress?.Invoke(new PieceUpdate(piece, PieceState.Skipped, "not found"));
            return null;
        }
    }
}

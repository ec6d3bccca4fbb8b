using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Music;
using Mediagate.Http;

namespace Mediagate.Soundtrack;

/// <summary>The music as made, with its audio.</summary>
internal sealed record MadeMusic(MusicOutcome Outcome, AudioPiece Audio);

/// <summary>
/// The music stage: the peer's modes over the music chain (retrieve keeps only the library, generate drops it, auto uses the
/// whole chain), fitted to the timeline's length. Music that cannot be had is a warning and an anomaly, never a failed run.
/// </summary>
internal sealed class MusicStage(SoundtrackJobContext context, SoundtrackLayout layout)
{
    private const int Rate = MixSettings.SampleRate;

    public async Task<MadeMusic?> MakeAsync(BgmRequest bgm, double seconds, ConcurrentQueue<Anomaly> anomalies, List<string> warnings, CancellationToken cancellationToken)
    {
        var chain = bgm.Mode switch
        {
            BgmMode.Retrieve => context.Chains.Music.Excluding(p => p.IsGenerator ? ChainWording.RetrieveOnly : null),
            BgmMode.Generate => context.Chains.Music.Excluding(p => p.IsGenerator ? null : ChainWording.GenerateOnly),
            _ => context.Chains.Music,
        };
        var decision = chain.Explain();
        if (decision.Chosen is not { } chosen)
        {
            var why = bgm.Mode == BgmMode.Retrieve
                ? $"bgm mode retrieve needs a HeyGen credential ({decision.Links[0].Reason}); no music. Use mode auto or generate to compose it instead."
                : $"no music provider is available ({ChainWording.Reasons(decision.Links)})";
            warnings.Add(why);
            anomalies.Enqueue(new Anomaly("bgm_skipped", "bgm", why));
            context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Skipped, "no credential"));
            return null;
        }
        var frames = (int)Math.Round(seconds * Rate);
        var secondsText = (frames / (double)Rate).ToString("R", CultureInfo.InvariantCulture);
        string Key(string provider) => SoundtrackCache.Key("bgm", provider, provider == "heygen" ? bgm.Query : bgm.GenerationPrompt, secondsText);

        if (context.Cache.Find(Key(chosen)) is { } hit)
        {
            context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Cached, chosen));
            return new MadeMusic(new MusicOutcome(layout.Music, chosen, JsonFields.Text(hit.Record, "source") ?? "", seconds,
                (int)(JsonFields.Double(hit.Record, "plays") ?? 1), true, null, bgm.Query, bgm.GenerationPrompt), new AudioPiece(StereoAudio.Read(hit.Audio, Rate), 2, hit.Audio));
        }

        context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Working, chosen));
        ChainOutcome<MusicClip> outcome;
        try
        {
            outcome = await chain.RunAsync(ChainWording.Auto, (provider, _, token) =>
            {
                context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Working, provider.Id));
                return provider.MakeAsync(new MusicAsk(bgm.Query, bgm.GenerationPrompt, frames, Rate), token);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainFailedException ex)
        {
            warnings.Add($"no music: {ex.Message}");
            anomalies.Enqueue(new Anomaly("bgm_failed", "bgm", ex.Message));
            context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Skipped, "every provider failed"));
            return null;
        }
        var clip = outcome.Value;
        // Mixed as stored (16-bit), exactly as a re-run will read it, so that the mix of a re-run is the same mix.
        Pcm16.Quantize(clip.Stereo);
        var key = Key(outcome.Provider);
        var stored = context.Cache.PutAudio(key, clip.Stereo, Rate, 2);
        context.Cache.Finish(key, new JsonObject { ["provider"] = outcome.Provider, ["source"] = clip.Source, ["plays"] = clip.Plays });
        context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Done, outcome.Provider));
        return new MadeMusic(new MusicOutcome(layout.Music, outcome.Provider, clip.Source, seconds, clip.Plays, false, outcome.Decision, bgm.Query, bgm.GenerationPrompt),
            new AudioPiece(clip.Stereo, 2, stored));
    }
}

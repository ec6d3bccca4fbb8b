using System.Collections.Concurrent;
using Mediagate.Capabilities;

namespace Mediagate.Soundtrack;

/// <summary>
/// Makes a soundtrack in stages over one timeline: the narration (<see cref="Narration"/>) while the effects are found
/// (<see cref="EffectsStage"/>), then the music fitted to the timeline (<see cref="MusicStage"/>), the mix (<see cref="MixStage"/>),
/// and last the files (<see cref="SoundtrackOutput"/>). Audio stays in memory from provider to mix; finished pieces come from a
/// content-addressed cache when nothing that determines them has changed.
/// </summary>
public sealed class SoundtrackJob
{
    /// <summary>The parts a run can make.</summary>
    public static readonly IReadOnlyList<string> AllParts = ["tts", "bgm", "sfx"];

    /// <summary>The music's length with no narration, as the peer.</summary>
    public const double MusicWithoutLinesSeconds = 30;

    private readonly SoundtrackJobContext _context;

    /// <summary>Creates a job over the chains and clients the credentials allow.</summary>
    public SoundtrackJob(SoundtrackJobContext context) => _context = context;

    /// <summary>The file name the peer gives an effect: lower case, runs of other characters as '-', at most 40 characters.</summary>
    public static string Slug(string name) => EffectsStage.Slug(name);

    /// <summary>Runs the job.</summary>
    /// <exception cref="ChainFailedException">A narration line could not be spoken by any provider.</exception>
    /// <exception cref="CredentialRejectedException">A provider rejected its credential.</exception>
    /// <exception cref="IOException">The output directory cannot be written.</exception>
    public async Task<SoundtrackResult> RunAsync(SoundtrackRequest request, SoundtrackOptions options, CancellationToken cancellationToken)
    {
        var layout = options.Layout ?? SoundtrackLayout.Mediagate(options.OutputDirectory);
        var output = layout.Root;
        Directory.CreateDirectory(output);
        var parts = options.Parts;
        var anomalies = new ConcurrentQueue<Anomaly>();
        var warnings = new List<string>();
        var wantMusic = parts.Contains("bgm") && request.Bgm.Mode != BgmMode.None;
        if (wantMusic)
        {
            _context.Progress?.Invoke(new PieceUpdate("bgm", PieceState.Waiting));
        }

        // Effects need no timeline to be found, so they are fetched while the voice speaks; a voice that fails stops them.
        using var stopEffects = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Each fetch runs on the pool (EffectsStage), so this returns at once and the narration starts beside it.
        var effectsTask = parts.Contains("sfx")
            ? new EffectsStage(_context, layout).FetchAsync(request, anomalies, stopEffects.Token)
            : Task.FromResult(new Dictionary<string, FoundEffect>());
        NarrationResult narration;
        try
        {
            narration = await new Narration(_context, layout).SpeakAsync(request, options.Concurrency, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stopEffects.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(effectsTask).ConfigureAwait(false);
            throw;
        }
        var timeline = Timeline.Lay(request, narration.Lines);
        if (narration.Consistency is { Remade.Count: > 0 } consistency)
        {
            warnings.Add(ChainWording.Remade(consistency.FellOver, consistency.Remade, consistency.Provider));
        }

        var musicSeconds = timeline.Lines.Count == 0 ? MusicWithoutLinesSeconds : timeline.VoiceEnd;
        var music = wantMusic && musicSeconds > 0
            ? await new MusicStage(_context, layout).MakeAsync(request.Bgm, musicSeconds, anomalies, warnings, cancellationToken).ConfigureAwait(false)
            : null;
        var cues = timeline.PlaceCues(request, await effectsTask.ConfigureAwait(false));

        var total = Math.Max(timeline.Lines.Count == 0 ? (music is null ? 0 : musicSeconds) : timeline.VoiceEnd,
            cues.Count == 0 ? 0 : cues.Max(c => c.Cue.OffsetSeconds + c.Cue.DurationSeconds));
        var voiceClips = parts.Contains("tts")
            ? narration.Lines.Select((s, i) => new VoiceClip(Timeline.Frame(timeline.Lines[i].OffsetSeconds), s.Audio.Samples)).ToList()
            : [];
        var effectClips = cues.Select(c => new EffectClip(Timeline.Frame(c.Cue.OffsetSeconds), c.Effect.Audio.Samples, c.Cue.Volume)).ToList();
        MadeMix? mix = null;
        if (total > 0 && (voiceClips.Count > 0 || music is not null || effectClips.Count > 0))
        {
            var input = new MixInput((int)Math.Ceiling(total * MixSettings.SampleRate), voiceClips, music?.Audio.Samples, effectClips);
            mix = await new MixStage(_context, layout).MixAsync(input, options.Mix, cancellationToken).ConfigureAwait(false);
        }

        // A music or effects link that fell over is said once for the run, however many items it cost.
        foreach (var (capability, fellOver) in new[] { ("music", _context.Chains.Music.FellOver), ("sfx", _context.Chains.Effects.FellOver) })
        {
            warnings.AddRange(fellOver.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => ChainWording.FellOverForRun(capability, f.Key, f.Value)));
        }
        var result = new SoundtrackResult(output, parts.Contains("tts") ? timeline.Lines : timeline.Lines.Select(l => l with { Path = null }).ToList(),
            music?.Outcome, cues.Select(c => c.Cue).ToList(), [.. anomalies], warnings, mix?.Outcome, Math.Round(total, 3), options.Mix, parts, request.Bgm.Mode)
        {
            Voice = narration.Consistency,
            Layout = layout,
        };
        Write(new SoundtrackOutput(layout), result, narration, music, cues, mix);
        return result;
    }

    private static void Write(SoundtrackOutput output, SoundtrackResult result, NarrationResult narration, MadeMusic? music,
        IReadOnlyList<(CueOutcome Cue, FoundEffect Effect)> cues, MadeMix? mix)
    {
        if (result.Parts.Contains("tts"))
        {
            foreach (var line in narration.Lines)
            {
                output.Audio(line.Outcome.Path!, line.Audio);
            }
            output.Captions(result.Lines);
        }
        if (music is not null)
        {
            output.Audio(music.Outcome.Path, music.Audio);
        }
        foreach (var effect in cues.Select(c => c.Effect).DistinctBy(e => e.File))
        {
            output.Audio(effect.File, effect.Audio);
        }
        if (mix is not null)
        {
            output.Audio(mix.Outcome.Path, mix.Audio);
        }
        output.Meta(result);
    }
}

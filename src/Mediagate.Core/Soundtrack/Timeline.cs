namespace Mediagate.Soundtrack;

/// <summary>The narration laid end to end with its gaps, and the effect cues placed on it; every stage reads its times from here.</summary>
internal sealed class Timeline
{
    private const int Rate = MixSettings.SampleRate;

    private Timeline(IReadOnlyList<LineOutcome> lines, double voiceEnd)
    {
        Lines = lines;
        VoiceEnd = voiceEnd;
    }

    /// <summary>Each line with its offset.</summary>
    public IReadOnlyList<LineOutcome> Lines { get; }

    /// <summary>Where the last line ends; 0 with no lines.</summary>
    public double VoiceEnd { get; }

    /// <summary>Lays the spoken lines out: each starts after the one before and its gap.</summary>
    public static Timeline Lay(SoundtrackRequest request, IReadOnlyList<SpokenLine> spoken)
    {
        var lines = new List<LineOutcome>(spoken.Count);
        var offset = 0.0;
        var end = 0.0;
        for (var i = 0; i < spoken.Count; i++)
        {
            var line = spoken[i].Outcome;
            lines.Add(line with { OffsetSeconds = Math.Round(offset, 3) });
            end = offset + line.DurationSeconds;
            offset = end + (request.Lines[i].GapAfterSeconds ?? request.GapSeconds);
        }
        return new Timeline(lines, end);
    }

    /// <summary>The frame where a time falls.</summary>
    public static int Frame(double seconds) => (int)Math.Round(seconds * Rate);

    /// <summary>Places every cue whose effect was found, in the order of the lines and their cues.</summary>
    public IReadOnlyList<(CueOutcome Cue, FoundEffect Effect)> PlaceCues(SoundtrackRequest request, IReadOnlyDictionary<string, FoundEffect> effects)
    {
        var placed = new List<(CueOutcome, FoundEffect)>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            foreach (var cue in request.Lines[i].Sfx)
            {
                if (!effects.TryGetValue(cue.Name, out var found))
                {
                    continue;
                }
                var at = Math.Round(Lines[i].OffsetSeconds + CueOffset(cue.At, Lines[i]), 3);
                placed.Add((new CueOutcome(cue.Name, Lines[i].Id, cue.At.ToString(), found.File, found.Provider, found.Matched, at,
                    Math.Round(found.Audio.Samples.Length / 2.0 / Rate, 3), cue.Volume, found.Cached, found.Chain), found));
            }
        }
        return placed;
    }

    private static double CueOffset(CueTime at, LineOutcome line) => at.Anchor switch
    {
        CueAnchor.Start => 0,
        CueAnchor.End => line.Words.Count > 0 ? line.Words[^1].End : line.DurationSeconds,
        CueAnchor.Word => line.Words.Count == 0 ? 0 : line.Words[Math.Min((int)at.Value, line.Words.Count - 1)].Start,
        _ => at.Value,
    };
}

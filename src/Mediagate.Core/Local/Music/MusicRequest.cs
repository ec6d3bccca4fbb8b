namespace Mediagate.Local.Music;

/// <summary>What to compose.</summary>
/// <param name="Prompt">Mood and genre words, e.g. "calm cinematic underscore".</param>
/// <param name="DurationSeconds">The track's exact length.</param>
/// <param name="Seed">Null derives the seed from the prompt, so the same command always gives the same file.</param>
/// <param name="Bpm">A tempo to use instead of the style's.</param>
/// <param name="Key">A key to use instead of the style's, e.g. "F#m".</param>
/// <param name="Loop">Make the track loop seamlessly (whole bars, no intro, ending or fades).</param>
/// <param name="SampleRate">44100 or 48000.</param>
public sealed record MusicRequest(string Prompt, double DurationSeconds, int? Seed = null, int? Bpm = null, string? Key = null, bool Loop = false, int SampleRate = 48000)
{
    /// <summary>The shortest track.</summary>
    public const double MinDuration = 2;

    /// <summary>The longest track: one hour.</summary>
    public const double MaxDuration = 3600;

    /// <summary>Why the request is invalid, or null.</summary>
    public string? Problem()
    {
        if (!(DurationSeconds >= MinDuration && DurationSeconds <= MaxDuration))
        {
            return $"duration {DurationSeconds} s is out of range; use {MinDuration} to {MaxDuration} seconds";
        }
        if (Bpm is < 40 or > 220)
        {
            return $"tempo {Bpm} BPM is out of range; use 40 to 220";
        }
        if (SampleRate is not (44100 or 48000))
        {
            return $"sample rate {SampleRate} Hz is not supported; use 44100 or 48000";
        }
        return null;
    }
}

namespace Mediagate.Alignment;

/// <summary>What pocketsphinx decoded: for each token of the text its frames (null when it is not spoken), the silences and noises between words, and the audio's length.</summary>
/// <param name="PathScore">The forced path's acoustic score over all its frames, fillers included.</param>
/// <param name="Frames">How many frames the path covers.</param>
internal sealed record AcousticSegments(IReadOnlyList<AcousticWord?> Words, IReadOnlyList<(int Start, int End)> Fillers, double Duration, long PathScore, int Frames)
{
    /// <summary>A free phone loop's acoustic score per frame over the same audio, when it was decoded (the forced path scored low).</summary>
    public double? PhoneLoopPerFrame { get; init; }
}

/// <summary>One token's frames, [start, end) at 100 frames a second, and its summed acoustic score (pocketsphinx's log units).</summary>
internal readonly record struct AcousticWord(int StartFrame, int EndFrame, int AcousticScore);

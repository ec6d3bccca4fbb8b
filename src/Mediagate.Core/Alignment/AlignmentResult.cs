using Mediagate.Captions;

namespace Mediagate.Alignment;

/// <summary>The words of the known text, timed against the audio.</summary>
/// <param name="Words">Every word of the text, in order, monotonic and non-overlapping.</param>
/// <param name="AudioDuration">The audio's length in seconds.</param>
public sealed record AlignmentResult(IReadOnlyList<Word> Words, double AudioDuration)
{
    /// <summary>How the words were timed.</summary>
    public AlignmentMethod Method { get; init; } = AlignmentMethod.Acoustic;

    /// <summary>How sure the aligner is of each word (0–1, same order as <see cref="Words"/>); empty for the DTW method, which has no score.</summary>
    public IReadOnlyList<double> Confidence { get; init; } = [];

    /// <summary>How well the audio as a whole matches the text (0–1); null for the DTW method.</summary>
    public double? OverallConfidence { get; init; }

    /// <summary>Why a weaker method was used, for stderr and <c>--json</c>; null when nothing was given up.</summary>
    public string? Warning { get; init; }
}

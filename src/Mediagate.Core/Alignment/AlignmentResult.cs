using Mediagate.Captions;

namespace Mediagate.Alignment;

/// <summary>The words of the known text, timed against the audio.</summary>
/// <param name="Words">Every word of the text, in order, monotonic and non-overlapping.</param>
/// <param name="AudioDuration">The audio's length in seconds.</param>
public sealed record AlignmentResult(IReadOnlyList<Word> Words, double AudioDuration);

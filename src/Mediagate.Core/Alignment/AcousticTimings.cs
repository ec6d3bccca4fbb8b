using Mediagate.Captions;

namespace Mediagate.Alignment;

/// <summary>Turns pocketsphinx's word frames into the text's timed words, with a confidence for each.</summary>
internal static class AcousticTimings
{
    /// <summary>The timed words for <paramref name="tokens"/>; an unspoken token (a lone dash) gets a zero-length timing at the gap.</summary>
    public static AlignmentResult ToResult(IReadOnlyList<string> tokens, AcousticSegments segments, float[] audio)
    {
        var words = new List<Word>(tokens.Count);
        var confidence = new List<double>(tokens.Count);
        var previousEnd = 0.0;
        var quiet = BoundaryRefiner.QuietFrames(audio);
        var shift = double.Parse(Environment.GetEnvironmentVariable("MEDIAGATE_ALIGN_SHIFT") ?? "0.005", System.Globalization.CultureInfo.InvariantCulture);
        var endShift = double.Parse(Environment.GetEnvironmentVariable("MEDIAGATE_ALIGN_ENDSHIFT") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (segments.Words[i] is { } frames)
            {
                var (first, last) = Environment.GetEnvironmentVariable("MEDIAGATE_ALIGN_NOTRIM") is null ? BoundaryRefiner.Trim(quiet, frames.StartFrame, frames.EndFrame) : (frames.StartFrame, frames.EndFrame);
                var start = Math.Max(previousEnd, first * PocketSphinxAligner.FrameSeconds + shift);
                var end = Math.Max(start, last * PocketSphinxAligner.FrameSeconds + endShift);
                words.Add(new Word($"w{i}", tokens[i], Math.Round(start, 3), Math.Round(end, 3)));
                confidence.Add(WordConfidence.Of(frames));
                previousEnd = end;
            }
            else
            {
                words.Add(new Word($"w{i}", tokens[i], Math.Round(previousEnd, 3), Math.Round(previousEnd, 3)));
                confidence.Add(1);
            }
        }
        return new AlignmentResult(words, segments.Duration)
        {
            Method = AlignmentMethod.Acoustic,
            Confidence = confidence,
            OverallConfidence = WordConfidence.Overall(segments),
        };
    }
}

using Mediagate.Captions;

namespace Mediagate.Alignment;

/// <summary>Turns pocketsphinx's word frames into the text's timed words, with a confidence for each.</summary>
internal static class AcousticTimings
{
    /// <summary>pocketsphinx's word starts came out 5 ms early and ends 3 ms early (median, 5,674 words of the flite set); these undo that.</summary>
    private const double StartBias = 0.005;

    private const double EndBias = 0.002;

    /// <summary>A start moved to where a pause's sound begins: a voiceless stop ("p", "t", "k", "ch") began with a silent closure
    /// some 45 ms before its burst, and a weak fricative ("f", "th", "h") with frication below the quiet threshold.</summary>
    private static double OnsetAllowance(string phone) => phone switch
    {
        "P" or "T" or "K" or "CH" => 0.045,
        "F" or "TH" or "HH" => 0.015,
        _ => 0,
    };

    /// <summary>The timed words for <paramref name="tokens"/>; an unspoken token (a lone dash) gets a zero-length timing at the gap.</summary>
    public static AlignmentResult ToResult(IReadOnlyList<string> tokens, AcousticSegments segments, FrameLevels levels)
    {
        var words = new List<Word>(tokens.Count);
        var confidence = new List<double>(tokens.Count);
        var previousEnd = 0.0;
        var (quiet, _, clear) = levels;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (segments.Words[i] is { } frames)
            {
                var (first, last, startMoved, endMoved) = BoundaryRefiner.Refine(quiet, clear, frames.StartFrame, frames.EndFrame);
                var start = Math.Max(previousEnd, first * PocketSphinxAligner.FrameSeconds + (startMoved ? -OnsetAllowance(frames.FirstPhone) : StartBias));
                var end = Math.Max(start, last * PocketSphinxAligner.FrameSeconds + (endMoved ? 0 : EndBias));
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

namespace Mediagate.Alignment;

/// <summary>How sure the acoustic aligner is, from the model's acoustic score per frame of the forced path.</summary>
/// <remarks>pocketsphinx scores each frame relative to its best-matching senone, so speech that holds the text scores near
/// zero per frame (−10 to −17 on clean, noisy and 8 kHz cases of the benchmark) and a recording of other words far below
/// (−35 to −52); the logistic maps that scale onto 0–1 with 0.5 between the two.</remarks>
internal static class WordConfidence
{
    /// <summary>Below this overall confidence the recording is taken not to hold the text.</summary>
    public const double MismatchBelow = 0.5;

    /// <summary>0–1 for one word (its few frames score more loosely, so the curve is wider).</summary>
    public static double Of(AcousticWord word) => Logistic(word.AcousticScore / (double)Math.Max(1, word.EndFrame - word.StartFrame), -30, 5);

    /// <summary>0–1 for the whole recording: the forced path's score per frame over the spoken words.</summary>
    public static double Overall(AcousticSegments segments)
    {
        double score = 0, frames = 0;
        foreach (var word in segments.Words)
        {
            if (word is { } w)
            {
                score += w.AcousticScore;
                frames += w.EndFrame - w.StartFrame;
            }
        }
        return frames > 0 ? Logistic(score / frames, -26, 3) : 0;
    }

    private static double Logistic(double perFrame, double middle, double width) => Math.Round(1 / (1 + Math.Exp(-(perFrame - middle) / width)), 3);
}

namespace Mediagate.Alignment;

/// <summary>How sure the acoustic aligner is of a word, from the model's acoustic score per frame of the forced path.</summary>
internal static class WordConfidence
{
    /// <summary>0–1 for one word.</summary>
    public static double Of(AcousticWord word)
    {
        var perFrame = word.AcousticScore / (double)Math.Max(1, word.EndFrame - word.StartFrame);
        if (Environment.GetEnvironmentVariable("MEDIAGATE_ALIGN_DEBUG") is not null)
        {
            Console.Error.WriteLine($"score/frame {perFrame:0.0} over {word.EndFrame - word.StartFrame}");
        }
        return Math.Round(1 / (1 + Math.Exp(-(perFrame + 20) / 5)), 3);
    }

    /// <summary>0–1 for the whole recording: frame-weighted over the spoken words.</summary>
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
        var perFrame = frames > 0 ? score / frames : double.NegativeInfinity;
        return Math.Round(1 / (1 + Math.Exp(-(perFrame + 20) / 5)), 3);
    }
}

namespace Mediagate.Alignment;

/// <summary>
/// Moves the acoustic model's word boundaries off silence: a word that begins or ends with a quiet run of at least 250 ms
/// (a pause the model folded into the word) is trimmed to where the sound is.
/// </summary>
/// <remarks>Quiet is judged on 10 ms frames, the decoder's own grid, against the recording's noise floor (its 10th percentile
/// of frame energy), so a lead-in, a breath-free pause or 20 dB noise are all measured relative to what the file holds.</remarks>
internal static class BoundaryRefiner
{
    private const int FrameSamples = 160;
    private const int WindowSamples = 400;
    private const int MinQuietFrames = 25;
    private const double QuietAboveFloorDb = 8;

    /// <summary>Which 10 ms frames of 16 kHz <paramref name="audio"/> are quiet.</summary>
    public static bool[] QuietFrames(float[] audio)
    {
        var count = Math.Max(1, (audio.Length - WindowSamples) / FrameSamples + 1);
        var energy = new double[count];
        for (var f = 0; f < count; f++)
        {
            double sum = 0;
            var start = f * FrameSamples;
            var end = Math.Min(audio.Length, start + WindowSamples);
            for (var i = start; i < end; i++)
            {
                sum += audio[i] * (double)audio[i];
            }
            energy[f] = 10 * Math.Log10(sum / Math.Max(1, end - start) + 1e-12);
        }
        var sorted = (double[])energy.Clone();
        Array.Sort(sorted);
        var floor = sorted[sorted.Length / 10];
        var peak = sorted[Math.Min(sorted.Length - 1, sorted.Length * 99 / 100)];
        var threshold = floor + Math.Min(QuietAboveFloorDb, 0.3 * (peak - floor));
        return energy.Select(e => e < threshold).ToArray();
    }

    /// <summary>The word's frames [start, end) with any quiet run of 250 ms or more removed from either edge.</summary>
    public static (int Start, int End) Trim(bool[] quiet, int start, int end)
    {
        var lead = 0;
        while (start + lead < end && start + lead < quiet.Length && quiet[start + lead])
        {
            lead++;
        }
        if (lead >= MinQuietFrames && end - (start + lead) >= 3)
        {
            start += lead;
        }
        var tail = 0;
        while (end - 1 - tail > start && end - 1 - tail < quiet.Length && quiet[end - 1 - tail])
        {
            tail++;
        }
        if (tail >= MinQuietFrames && end - tail - start >= 3)
        {
            end -= tail;
        }
        return (start, end);
    }
}

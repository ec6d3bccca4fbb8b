namespace Mediagate.Audio;

/// <summary>
/// Block loudnesses kept as a histogram of 0.02 LU bins from −70 to +10 LUFS, each with its count and its exact sum of power,
/// as libebur128's histogram mode does: memory is fixed however long the audio, so measuring never allocates.
/// </summary>
/// <remarks>
/// Means are exact (the power sums are kept, and a block above +10 LUFS still adds its power to the top bin). A relative gate
/// or a percentile is resolved to its bin, so it can be off by at most one bin, 0.02 LU: far inside the 0.1 LU EBU Tech 3341
/// allows for integrated loudness and the 1 LU Tech 3342 allows for the range.
/// </remarks>
internal sealed class LoudnessHistogram
{
    private const double Floor = -70;
    private const double Step = 0.02;
    private const int Bins = 4000;

    private readonly int[] _count = new int[Bins];
    private readonly double[] _power = new double[Bins];

    /// <summary>Adds a block by its mean-square power; one at or under the −70 LUFS absolute gate is dropped, as the gate would.</summary>
    public void Add(double power)
    {
        var lufs = Lufs(power);
        if (!(lufs > Floor))
        {
            return;
        }
        var bin = Math.Min(Bins - 1, (int)((lufs - Floor) / Step));
        _count[bin]++;
        _power[bin] += power;
    }

    /// <summary>The loudness of the blocks above the absolute gate and <paramref name="relativeGate"/> LU from their mean (BS.1770-4); −∞ when none.</summary>
    public double GatedLoudness(double relativeGate)
    {
        var first = FirstBinAbove(relativeGate);
        if (first < 0)
        {
            return double.NegativeInfinity;
        }
        long count = 0;
        double power = 0;
        for (var b = first; b < Bins; b++)
        {
            count += _count[b];
            power += _power[b];
        }
        return count == 0 ? double.NegativeInfinity : Lufs(power / count);
    }

    /// <summary>The loudness range (EBU Tech 3342): the 10th to the 95th percentile of the blocks above the gates, with a −20 LU relative gate.</summary>
    public double Range()
    {
        var first = FirstBinAbove(-20);
        if (first < 0)
        {
            return 0;
        }
        long count = 0;
        for (var b = first; b < Bins; b++)
        {
            count += _count[b];
        }
        if (count < 2)
        {
            return 0;
        }
        return Percentile(first, count, 0.95) - Percentile(first, count, 0.10);
    }

    /// <summary>The first bin whose centre is above the relative gate; −1 when nothing passed the absolute gate.</summary>
    private int FirstBinAbove(double relativeGate)
    {
        long count = 0;
        double power = 0;
        for (var b = 0; b < Bins; b++)
        {
            count += _count[b];
            power += _power[b];
        }
        if (count == 0)
        {
            return -1;
        }
        var threshold = Lufs(power / count) + relativeGate;
        var first = 0;
        while (first < Bins && Centre(first) <= threshold)
        {
            first++;
        }
        return first;
    }

    /// <summary>The block at rank round(p × (n − 1)) among the <paramref name="count"/> from <paramref name="first"/> up, as the sorted list gives it.</summary>
    private double Percentile(int first, long count, double p)
    {
        var rank = (long)Math.Round(p * (count - 1));
        long seen = 0;
        for (var b = first; b < Bins; b++)
        {
            seen += _count[b];
            if (seen > rank)
            {
                return Centre(b);
            }
        }
        return Centre(Bins - 1);
    }

    private static double Centre(int bin) => Floor + (bin + 0.5) * Step;

    private static double Lufs(double power) => power <= 0 ? double.NegativeInfinity : -0.691 + 10 * Math.Log10(power);
}

namespace Mediagate.Alignment;

/// <summary>
/// Dynamic time warping of two feature sequences inside a window per row, so that memory and time grow with the window's area
/// rather than with the product of the lengths. <see cref="AlignMultiScale"/> finds the window itself: it aligns the sequences
/// averaged over blocks of frames inside a band around the diagonal, then aligns the full sequences along that coarse path.
/// </summary>
public static class Dtw
{
    private const byte Diagonal = 0;
    private const byte Vertical = 1;
    private const byte Horizontal = 2;

    /// <summary>Aligns <paramref name="a"/> (rows) to <paramref name="b"/> (columns) and returns, for each row, the first and last column on the path.</summary>
    /// <param name="a">Row features, frame-major, <paramref name="dimensions"/> per frame.</param>
    /// <param name="b">Column features.</param>
    /// <param name="dimensions">Values per frame.</param>
    /// <param name="blockSize">Frames averaged per coarse frame.</param>
    /// <param name="fineRadius">Columns added on each side of the coarse path at full resolution.</param>
    public static (int[] First, int[] Last) AlignMultiScale(float[] a, float[] b, int dimensions, int blockSize = 8, int fineRadius = 24)
    {
        var n = a.Length / dimensions;
        var m = b.Length / dimensions;
        if (n == 0 || m == 0)
        {
            throw new ArgumentException("both signals need at least one frame");
        }
        var ca = Average(a, dimensions, blockSize);
        var cb = Average(b, dimensions, blockSize);
        var cn = ca.Length / dimensions;
        var cm = cb.Length / dimensions;
        var radius = Math.Max(40, (int)(0.15 * Math.Max(cn, cm)));
        var (coarseLo, coarseHi) = Band(cn, cm, radius);
        var (coarseFirst, coarseLast) = Align(ca, cb, dimensions, coarseLo, coarseHi);

        var lo = new int[n];
        var hi = new int[n];
        for (var i = 0; i < n; i++)
        {
            var row = Math.Min(cn - 1, i / blockSize);
            lo[i] = Math.Clamp(coarseFirst[row] * blockSize - fineRadius, 0, m - 1);
            hi[i] = Math.Clamp((coarseLast[row] + 1) * blockSize - 1 + fineRadius, 0, m - 1);
        }
        MakeMonotone(lo, hi, m);
        return Align(a, b, dimensions, lo, hi);
    }

    /// <summary>DTW inside the window [lo[i], hi[i]] of each row i; the window must be monotone and connected, from (0,0) to (n-1,m-1).</summary>
    public static (int[] First, int[] Last) Align(float[] a, float[] b, int dimensions, int[] lo, int[] hi)
    {
        var n = a.Length / dimensions;
        var back = new byte[n][];
        var previous = Array.Empty<float>();
        var previousLo = 0;
        for (var i = 0; i < n; i++)
        {
            var width = hi[i] - lo[i] + 1;
            var current = new float[width];
            var steps = back[i] = new byte[width];
            for (var k = 0; k < width; k++)
            {
                var j = lo[i] + k;
                var cost = Distance(a, i, b, j, dimensions);
                if (i == 0 && j == 0)
                {
                    current[k] = cost;
                    continue;
                }
                var best = float.PositiveInfinity;
                byte step = Diagonal;
                if (i > 0)
                {
                    var pk = j - 1 - previousLo;
                    if (pk >= 0 && pk < previous.Length && previous[pk] < best)
                    {
                        best = previous[pk];
                        step = Diagonal;
                    }
                    pk = j - previousLo;
                    if (pk >= 0 && pk < previous.Length && previous[pk] < best)
                    {
                        best = previous[pk];
                        step = Vertical;
                    }
                }
                if (k > 0 && current[k - 1] < best)
                {
                    best = current[k - 1];
                    step = Horizontal;
                }
                current[k] = best + cost;
                steps[k] = step;
            }
            previous = current;
            previousLo = lo[i];
        }

        var first = new int[n];
        var last = new int[n];
        Array.Fill(first, int.MaxValue);
        int ri = n - 1, rj = hi[n - 1];
        while (true)
        {
            first[ri] = Math.Min(first[ri], rj);
            last[ri] = Math.Max(last[ri], rj);
            if (ri == 0 && rj == lo[0])
            {
                break;
            }
            switch (back[ri][rj - lo[ri]])
            {
                case Diagonal:
                    ri--;
                    rj--;
                    break;
                case Vertical:
                    ri--;
                    break;
                default:
                    rj--;
                    break;
            }
            if (ri < 0 || rj < 0)
            {
                break;
            }
        }
        return (first, last);
    }

    private static float Distance(float[] a, int i, float[] b, int j, int dimensions)
    {
        var sum = 0f;
        var ai = i * dimensions;
        var bj = j * dimensions;
        for (var d = 0; d < dimensions; d++)
        {
            var diff = a[ai + d] - b[bj + d];
            sum += diff * diff;
        }
        return MathF.Sqrt(sum);
    }

    private static (int[] Lo, int[] Hi) Band(int n, int m, int radius)
    {
        var lo = new int[n];
        var hi = new int[n];
        for (var i = 0; i < n; i++)
        {
            var centre = n == 1 ? 0 : (int)Math.Round((double)i * (m - 1) / (n - 1));
            lo[i] = Math.Max(0, centre - radius);
            hi[i] = Math.Min(m - 1, centre + radius);
        }
        MakeMonotone(lo, hi, m);
        return (lo, hi);
    }

    private static void MakeMonotone(int[] lo, int[] hi, int m)
    {
        var n = lo.Length;
        lo[0] = 0;
        hi[n - 1] = m - 1;
        for (var i = 1; i < n; i++)
        {
            lo[i] = Math.Max(lo[i], lo[i - 1]);
            hi[i] = Math.Max(hi[i], hi[i - 1]);
        }
        for (var i = 1; i < n; i++)
        {
            if (lo[i] > hi[i - 1] + 1)
            {
                lo[i] = hi[i - 1] + 1;
            }
        }
        for (var i = 0; i < n; i++)
        {
            if (hi[i] < lo[i])
            {
                hi[i] = lo[i];
            }
        }
    }

    private static float[] Average(float[] features, int dimensions, int block)
    {
        var frames = features.Length / dimensions;
        var blocks = Math.Max(1, (frames + block - 1) / block);
        var result = new float[blocks * dimensions];
        for (var c = 0; c < blocks; c++)
        {
            var start = c * block;
            var count = Math.Min(block, frames - start);
            for (var f = start; f < start + count; f++)
            {
                for (var d = 0; d < dimensions; d++)
                {
                    result[c * dimensions + d] += features[f * dimensions + d] / count;
                }
            }
        }
        return result;
    }
}

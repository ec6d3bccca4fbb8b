namespace Mediagate.Soundtrack;

/// <summary>
/// A look-ahead peak limiter for a whole interleaved buffer. The gain needed for each frame is taken as the minimum over the next
/// <c>lookahead</c> frames and smoothed by a moving average of the same length, so the gain is fully down when a peak arrives and
/// never steps; it then recovers exponentially. Working offline on the whole buffer, it needs no delay line.
/// </summary>
internal static class PeakLimiter
{
    /// <summary>Limits <paramref name="interleaved"/> in place so that no sample exceeds <paramref name="ceiling"/> (linear).</summary>
    /// <returns>The largest gain reduction applied, in dB (0 when nothing was limited).</returns>
    public static double Apply(Span<float> interleaved, int channels, int sampleRate, double ceiling, double lookaheadSeconds = 0.002, double releaseSeconds = 0.08)
    {
        var frames = interleaved.Length / channels;
        var lookahead = Math.Max(1, (int)(lookaheadSeconds * sampleRate));
        var need = new float[frames];
        var any = false;
        for (var f = 0; f < frames; f++)
        {
            var peak = 0f;
            for (var c = 0; c < channels; c++)
            {
                peak = Math.Max(peak, Math.Abs(interleaved[f * channels + c]));
            }
            need[f] = peak > ceiling ? (float)(ceiling / peak) : 1f;
            any |= need[f] < 1f;
        }
        if (!any)
        {
            return 0;
        }

        // Forward sliding minimum over [f, f + lookahead), with a monotonic deque of indices.
        var window = new float[frames];
        var deque = new int[frames];
        int head = 0, tail = 0;
        for (var i = frames - 1; i >= 0; i--)
        {
            while (tail > head && need[deque[tail - 1]] >= need[i])
            {
                tail--;
            }
            deque[tail++] = i;
            if (deque[head] >= i + lookahead)
            {
                head++;
            }
            window[i] = need[deque[head]];
        }

        // Exponential release towards 1, never above what is needed.
        var release = 1 - Math.Exp(-1.0 / (releaseSeconds * sampleRate));
        double held = 1;
        for (var i = 0; i < frames; i++)
        {
            held = Math.Min(window[i], held + (1 - held) * release);
            window[i] = (float)held;
        }

        // A moving average over the look-ahead: at a peak, every gain averaged was already at or below what the peak needs.
        // Before the start the gain is taken as the first frame's, so a peak in the very first frames is held down too.
        var before = window[0];
        double sum = (double)lookahead * before;
        var minimum = 1.0;
        for (var i = 0; i < frames; i++)
        {
            sum += window[i] - (i >= lookahead ? window[i - lookahead] : before);
            var gain = Math.Min(sum / lookahead, 1.0);
            minimum = Math.Min(minimum, gain);
            for (var c = 0; c < channels; c++)
            {
                interleaved[i * channels + c] *= (float)gain;
            }
        }
        return -20 * Math.Log10(minimum);
    }
}

namespace Mediagate.Audio;

/// <summary>16-bit PCM on the scale the WAV writer and reader share: a sample <c>s</c> stands for <c>s / 32768</c>.</summary>
public static class Pcm16
{
    /// <summary>The 16-bit value of a float sample: rounded on the 32768 scale and clipped to the 16-bit range.</summary>
    public static short ToShort(float sample) => (short)Math.Clamp(MathF.Round(sample * 32768f), short.MinValue, short.MaxValue);

    /// <summary>
    /// Rounds samples in place to exactly what a 16-bit WAV file gives back once written by <see cref="WavWriter"/> and read by
    /// <see cref="WavReader"/>, so that audio made now and the same audio read from the cache later are the same samples.
    /// </summary>
    public static void Quantize(Span<float> samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = ToShort(samples[i]) / 32768f;
        }
    }
}

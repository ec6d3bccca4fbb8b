namespace Mediagate.Audio;

/// <summary>Channel up- and down-mixing, and gain, of interleaved float audio.</summary>
public static class ChannelMix
{
    /// <summary>Mono to interleaved stereo: the same signal on both sides.</summary>
    public static float[] MonoToStereo(ReadOnlySpan<float> mono)
    {
        var stereo = new float[mono.Length * 2];
        for (var i = 0; i < mono.Length; i++)
        {
            stereo[2 * i] = stereo[2 * i + 1] = mono[i];
        }
        return stereo;
    }

    /// <summary>Any channel count to mono, by averaging the channels of each frame.</summary>
    public static float[] ToMono(ReadOnlySpan<float> interleaved, int channels)
    {
        var mono = new float[interleaved.Length / channels];
        ToMono(interleaved, channels, mono);
        return mono;
    }

    /// <summary>Averages the channels of each frame of <paramref name="interleaved"/> into <paramref name="mono"/>, without allocating.</summary>
    public static void ToMono(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        var frames = Math.Min(mono.Length, interleaved.Length / channels);
        for (var f = 0; f < frames; f++)
        {
            float sum = 0;
            for (var c = 0; c < channels; c++)
            {
                sum += interleaved[f * channels + c];
            }
            mono[f] = sum / channels;
        }
    }

    /// <summary>Multiplies every sample by a gain of <paramref name="gainDb"/> decibels, in place.</summary>
    public static void ApplyGain(Span<float> samples, double gainDb)
    {
        var gain = (float)Math.Pow(10, gainDb / 20);
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] *= gain;
        }
    }
}

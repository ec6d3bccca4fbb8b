namespace Mediagate.Audio;

/// <summary>Channel up- and down-mixing of interleaved float audio.</summary>
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
        for (var f = 0; f < mono.Length; f++)
        {
            float sum = 0;
            for (var c = 0; c < channels; c++)
            {
                sum += interleaved[f * channels + c];
            }
            mono[f] = sum / channels;
        }
        return mono;
    }
}

namespace Mediagate.Audio;

/// <summary>Turns downloaded audio (MP3 or WAV, told apart by content) into samples or WAV at the rate asked for.</summary>
public static class AudioDecode
{
    /// <summary>Decodes <paramref name="audio"/>, resamples it with libsoxr, writes 16-bit mono WAV to <paramref name="wav"/>, and returns the duration in seconds.</summary>
    /// <exception cref="WavFormatException">The bytes are neither MP3 nor WAV, or are damaged.</exception>
    public static double ToMonoWav(ReadOnlySpan<byte> audio, Stream wav, int sampleRate) => ThroughFile(audio, path =>
    {
        using var source = MonoAudioSource.Open(path);
        var samples = Resampler.Convert(source.Read, source.KnownFrames, source.SampleRate, sampleRate);
        var writer = new WavWriter(wav, sampleRate, 1);
        writer.Write(samples);
        writer.Complete();
        return samples.Length / (double)sampleRate;
    });

    /// <summary>Decodes <paramref name="audio"/> to interleaved stereo float at <paramref name="sampleRate"/> (see <see cref="StereoAudio.Read"/>).</summary>
    /// <exception cref="WavFormatException">The bytes are neither MP3 nor WAV, or are damaged.</exception>
    public static float[] ToStereo(ReadOnlySpan<byte> audio, int sampleRate) => ThroughFile(audio, path => StereoAudio.Read(path, sampleRate));

    /// <summary>Decodes <paramref name="audio"/> to mono float at <paramref name="sampleRate"/>.</summary>
    /// <exception cref="WavFormatException">The bytes are neither MP3 nor WAV, or are damaged.</exception>
    public static float[] ToMono(ReadOnlySpan<byte> audio, int sampleRate) => ThroughFile(audio, path => StereoAudio.ReadMono(path, sampleRate));

    /// <summary>mpg123 and the WAV reader read files; a private temp file is the simplest bridge, and it is always removed.</summary>
    private static T ThroughFile<T>(ReadOnlySpan<byte> audio, Func<string, T> read)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"mediagate-decode-{Guid.NewGuid():N}.audio");
        try
        {
            File.WriteAllBytes(temp, audio);
            return read(temp);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

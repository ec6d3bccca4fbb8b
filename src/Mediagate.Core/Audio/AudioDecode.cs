namespace Mediagate.Audio;

/// <summary>Turns downloaded audio (MP3 or WAV, told apart by content) into samples or WAV at the rate asked for, in memory.</summary>
public static unsafe class AudioDecode
{
    private const string Name = "the audio";

    /// <summary>Decodes <paramref name="audio"/>, resamples it with libsoxr, writes 16-bit mono WAV to <paramref name="wav"/>, and returns the duration in seconds.</summary>
    /// <exception cref="WavFormatException">The bytes are neither MP3 nor WAV, or are damaged.</exception>
    public static double ToMonoWav(ReadOnlySpan<byte> audio, Stream wav, int sampleRate)
    {
        var samples = ToMono(audio, sampleRate);
        var writer = new WavWriter(wav, sampleRate, 1);
        writer.Write(samples);
        writer.Complete();
        return samples.Length / (double)sampleRate;
    }

    /// <summary>Decodes <paramref name="audio"/> to mono float at <paramref name="sampleRate"/> (channels averaged).</summary>
    /// <exception cref="WavFormatException">The bytes are neither MP3 nor WAV, or are damaged.</exception>
    public static float[] ToMono(ReadOnlySpan<byte> audio, int sampleRate)
    {
        RefuseEmpty(audio);
        if (MonoAudioSource.IsMp3(audio))
        {
            using var mp3 = MonoAudioSource.Of(Mp3Reader.Open(audio));
            return Resampler.Convert(mp3.Read, mp3.KnownFrames, mp3.SampleRate, sampleRate);
        }
        fixed (byte* bytes = audio)
        {
            using var source = MonoAudioSource.Of(WavReader.Open(new UnmanagedMemoryStream(bytes, audio.Length), Name));
            return Resampler.Convert(source.Read, source.KnownFrames, source.SampleRate, sampleRate);
        }
    }

    /// <summary>Decodes <paramref name="audio"/> to interleaved stereo float at <paramref name="sampleRate"/> (see <see cref="StereoAudio.Read"/>).</summary>
    /// <exception cref="WavFormatException">The bytes are neither MP3 nor WAV, or are damaged.</exception>
    public static float[] ToStereo(ReadOnlySpan<byte> audio, int sampleRate)
    {
        RefuseEmpty(audio);
        if (MonoAudioSource.IsMp3(audio))
        {
            using var mp3 = Mp3Reader.Open(audio);
            return StereoAudio.FromInterleaved(StereoAudio.ReadAll(mp3), mp3.Channels, mp3.SampleRate, sampleRate);
        }
        fixed (byte* bytes = audio)
        {
            using var wav = WavReader.Open(new UnmanagedMemoryStream(bytes, audio.Length), Name);
            return StereoAudio.FromInterleaved(StereoAudio.ReadAll(wav), wav.Channels, wav.SampleRate, sampleRate);
        }
    }

    private static void RefuseEmpty(ReadOnlySpan<byte> audio)
    {
        if (audio.IsEmpty)
        {
            throw new WavFormatException($"{Name} is empty: the provider sent no bytes, so there is no WAV or MP3 to decode");
        }
    }
}

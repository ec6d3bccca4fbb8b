using Mediagate.Audio;

namespace Mediagate.Tests.Audio;

/// <summary>Downloaded audio decoded from memory: MP3 through mpg123's feed API, WAV through the WAV reader.</summary>
public sealed class AudioDecodeTests
{
    private static float[] Tones(int rate, int channels, double seconds)
    {
        var frames = (int)(rate * seconds);
        var x = new float[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                x[i * channels + c] = (float)(0.4 * Math.Sin(2 * Math.PI * (330 + 220 * c) * i / rate));
            }
        }
        return x;
    }

    private static byte[] Mp3(float[] interleaved, int rate, int channels)
    {
        using var buffer = new MemoryStream();
        using (var encoder = new Mp3Encoder(buffer, rate, channels))
        {
            encoder.Write(interleaved);
            encoder.Complete();
        }
        return buffer.ToArray();
    }

    private static double SnrDb(ReadOnlySpan<float> reference, ReadOnlySpan<float> actual)
    {
        double signal = 0, error = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            signal += reference[i] * reference[i];
            error += (reference[i] - actual[i]) * (reference[i] - actual[i]);
        }
        return 10 * Math.Log10(signal / Math.Max(error, 1e-20));
    }

    [Theory]
    [InlineData(24000, 1)]
    [InlineData(44100, 2)]
    public void Mp3FromMemoryDecodesGaplesslyToMonoAndStereo(int rate, int channels)
    {
        var input = Tones(rate, channels, 2);
        var mp3 = Mp3(input, rate, channels);
        var frames = input.Length / channels;

        var mono = AudioDecode.ToMono(mp3, rate);
        var stereo = AudioDecode.ToStereo(mp3, rate);

        Assert.Equal(frames, mono.Length);
        Assert.Equal(frames * 2, stereo.Length);
        var expectedMono = ChannelMix.ToMono(input, channels);
        Assert.True(SnrDb(expectedMono, mono) > 20, $"mono SNR {SnrDb(expectedMono, mono):F1} dB");
        var expectedStereo = channels == 2 ? input : ChannelMix.MonoToStereo(input);
        Assert.True(SnrDb(expectedStereo, stereo) > 20, $"stereo SNR {SnrDb(expectedStereo, stereo):F1} dB");
    }

    [Fact]
    public void Mp3FromMemoryIsResampledToTheRateAskedFor()
    {
        var mp3 = Mp3(Tones(24000, 1, 1), 24000, 1);

        var mono = AudioDecode.ToMono(mp3, 48000);
        using var wav = new MemoryStream();
        var seconds = AudioDecode.ToMonoWav(mp3, wav, 16000);

        Assert.InRange(mono.Length, 48000 - 8, 48000 + 8);
        Assert.InRange(seconds, 0.999, 1.001);
        wav.Position = 0;
        using var reader = WavReader.Open(wav);
        Assert.Equal((16000, 1), (reader.SampleRate, reader.Channels));
    }

    [Fact]
    public void WavFromMemoryDecodesToo()
    {
        var input = Tones(22050, 2, 0.5);
        using var buffer = new MemoryStream();
        var writer = new WavWriter(buffer, 22050, 2, WavSampleFormat.Float32);
        writer.Write(input);
        writer.Complete();

        var stereo = AudioDecode.ToStereo(buffer.ToArray(), 22050);
        var mono = AudioDecode.ToMono(buffer.ToArray(), 22050);

        Assert.Equal(input, stereo);
        Assert.Equal(ChannelMix.ToMono(input, 2), mono);
    }

    public static TheoryData<string, byte[], string> Garbage()
    {
        var random = new Random(6);
        byte[] Noise(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }
        return new()
        {
            { "nothing", [], "the audio is empty" },
            { "a frame sync then noise", [0xFF, 0xFB, .. Noise(4000)], "the audio is not a valid MP3" },
            { "an ID3 tag then noise", [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 20, .. Noise(4000)], "the audio is not a valid MP3" },
            { "a lone sync", [0xFF, 0xF3, 0x00], "the audio is not a valid MP3" },
            { "text", "<html>502 Bad Gateway</html>"u8.ToArray(), "the audio is not a WAV (RIFF/WAVE) or MP3 file" },
            { "noise", [0x12, .. Noise(4000)], "the audio is not a WAV (RIFF/WAVE) or MP3 file" },
            { "a RIFF header and noise", [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8, .. "fmt "u8, 8, 0, 0, 0, .. Noise(40)], "the audio is not a valid WAV" },
        };
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void UndecodableBytesAreRefusedWithWhatIsWrong(string what, byte[] bytes, string message)
    {
        foreach (var decode in new Func<float[]>[] { () => AudioDecode.ToMono(bytes, 24000), () => AudioDecode.ToStereo(bytes, 24000) })
        {
            var error = Assert.Throws<WavFormatException>(decode);
            Assert.True(error.Message.StartsWith(message, StringComparison.Ordinal), $"{what}: {error.Message}");
        }
    }

    [Fact]
    public void ATruncatedOrDamagedMp3NeverCrashes()
    {
        var mp3 = Mp3(Tones(24000, 1, 1), 24000, 1);
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var bytes = mp3[..random.Next(1, mp3.Length)];
            for (var d = 0; d < random.Next(0, 20); d++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            try
            {
                AudioDecode.ToMono(bytes, 24000);
            }
            catch (WavFormatException)
            {
            }
        }
    }
}

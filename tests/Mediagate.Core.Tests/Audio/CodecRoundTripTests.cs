using Mediagate.Audio;

namespace Mediagate.Tests.Audio;

public sealed class CodecRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mediagate-codec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static float[] Tones(int rate, int channels, double seconds)
    {
        var frames = (int)(rate * seconds);
        var x = new float[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                x[i * channels + c] = (float)(0.5 * Math.Sin(2 * Math.PI * (440 + 110 * c) * i / rate));
            }
        }
        return x;
    }

    private static double SnrDb(float[] reference, float[] actual)
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
    [InlineData(WavSampleFormat.Pcm16, 2, 44100, 80)]
    [InlineData(WavSampleFormat.Pcm24, 2, 48000, 130)]
    [InlineData(WavSampleFormat.Float32, 1, 22050, 200)]
    public void WavRoundTripsKeepChannelsRateAndPrecision(WavSampleFormat format, int channels, int rate, double minimumSnr)
    {
        var input = Tones(rate, channels, 0.5);
        var path = Path.Combine(_dir, $"{format}.wav");
        using (var file = File.Create(path))
        {
            var writer = new WavWriter(file, rate, channels, format);
            writer.Write(input);
            writer.Complete();
        }

        using var reader = WavReader.Open(path);
        var output = new float[input.Length];
        var frames = reader.ReadInterleaved(output);

        Assert.Equal((rate, channels, input.Length / channels), (reader.SampleRate, reader.Channels, frames));
        Assert.True(SnrDb(input, output) > minimumSnr, $"SNR {SnrDb(input, output):F1} dB");
    }

    [Theory]
    [InlineData(44100, 2)]
    [InlineData(24000, 1)]
    [InlineData(48000, 2)]
    public void Mp3RoundTripsGaplesslyWithTheSameRateChannelsAndLength(int rate, int channels)
    {
        var input = Tones(rate, channels, 3);
        var path = Path.Combine(_dir, "tone.mp3");
        using (var file = File.Create(path))
        {
            using var encoder = new Mp3Encoder(file, rate, channels);
            for (var i = 0; i < input.Length; i += 4096 * channels)
            {
                encoder.Write(input.AsSpan(i, Math.Min(4096 * channels, input.Length - i)));
            }
            encoder.Complete();
        }

        using var reader = Mp3Reader.Open(path);
        var output = new float[input.Length + 20000];
        var total = 0;
        int got;
        while ((got = reader.Read(output.AsSpan(total))) > 0)
        {
            total += got;
        }

        Assert.Equal((rate, channels), (reader.SampleRate, reader.Channels));
        Assert.Equal(input.Length, total);
        Assert.True(SnrDb(input, output[..input.Length]) > 20, $"SNR {SnrDb(input, output[..input.Length]):F1} dB");
        var kbps = rate < 32000 ? 160 : 192;
        Assert.InRange(new FileInfo(path).Length, kbps * 1000 / 8 * 3 * 0.9, kbps * 1000 / 8 * 3 * 1.2);
    }

    [Fact]
    public void AFileThatIsNotMp3IsRejected()
    {
        var path = Path.Combine(_dir, "fake.mp3");
        File.WriteAllText(path, "not an mp3 at all, just words");

        Assert.Throws<WavFormatException>(() =>
        {
            using var reader = Mp3Reader.Open(path);
            reader.Read(new float[1024]);
        });
    }

    [Theory]
    [InlineData(3, 192)]
    [InlineData(2, 8)]
    public void ImpossibleEncoderSettingsAreRefused(int channels, int bitrate)
    {
        using var stream = new MemoryStream();

        Assert.Throws<ArgumentOutOfRangeException>(() => new Mp3Encoder(stream, 44100, channels, bitrate));
    }
}

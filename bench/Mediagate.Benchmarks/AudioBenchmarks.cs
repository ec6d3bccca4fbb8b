using BenchmarkDotNet.Attributes;
using Mediagate.Audio;

namespace Mediagate.Benchmarks;

/// <summary>Ten minutes of 48 kHz stereo that sounds like music: two tones, a third on the right, and a little noise.</summary>
public static class TenMinutes
{
    public const int Rate = 48000;

    public static float[] Stereo()
    {
        var audio = new float[Rate * 600 * 2];
        var random = new Random(5);
        for (var i = 0; i < audio.Length / 2; i++)
        {
            var music = 0.25 * Math.Sin(2 * Math.PI * 220 * i / Rate) + 0.15 * Math.Sin(2 * Math.PI * 330.5 * i / Rate) + 0.03 * (random.NextDouble() - 0.5);
            audio[2 * i] = (float)music;
            audio[2 * i + 1] = (float)(music * 0.8 + 0.1 * Math.Sin(2 * Math.PI * 440 * i / Rate));
        }
        return audio;
    }
}

/// <summary>MP3 encoding of ten minutes of stereo (issue #5 target: at least 50× real time) at three LAME quality levels.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class Mp3Benchmarks
{
    private const int Rate = TenMinutes.Rate;
    private float[] _audio = null!;

    [Params(2, 5, 7)]
    public int Quality { get; set; }

    [GlobalSetup]
    public void Setup() => _audio = TenMinutes.Stereo();

    [Benchmark(Description = "MP3 encode, 10 min stereo, 192 kbit/s")]
    public long EncodeMp3()
    {
        using var output = new MemoryStream(16 * 1024 * 1024);
        using var encoder = new Mp3Encoder(output, Rate, 2, 192, Quality);
        for (var i = 0; i < _audio.Length; i += Rate * 2)
        {
            encoder.Write(_audio.AsSpan(i, Rate * 2));
        }
        encoder.Complete();
        return output.Length;
    }

}

/// <summary>BS.1770 integrated loudness, loudness range and true peak over ten minutes of stereo.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class LoudnessBenchmarks
{
    private float[] _audio = null!;

    [GlobalSetup]
    public void Setup() => _audio = TenMinutes.Stereo();

    [Benchmark(Description = "loudness (integrated, LRA, true peak), 10 min stereo")]
    public double Measure() => LoudnessMeter.Measure(_audio, TenMinutes.Rate, 2).IntegratedLufs;
}

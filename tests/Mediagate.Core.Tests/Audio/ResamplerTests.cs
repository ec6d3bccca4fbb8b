using Mediagate.Audio;

namespace Mediagate.Tests.Audio;

public sealed class ResamplerTests
{
    private static float[] Sine(double frequency, int rate, double seconds, float amplitude = 0.5f) =>
        Enumerable.Range(0, (int)(rate * seconds)).Select(i => amplitude * (float)Math.Sin(2 * Math.PI * frequency * i / rate)).ToArray();

    private static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x)
        {
            sum += v * v;
        }
        return Math.Sqrt(sum / x.Length);
    }

    [Fact]
    public void A1kHzToneKeepsItsPitchLengthAndLevel()
    {
        var input = Sine(1000, 22050, 1.0);

        var output = Resampler.Convert(input, 22050, 24000);

        Assert.InRange(output.Length, 23990, 24010);
        var crossings = 0;
        for (var i = 1000; i < 23000; i++)
        {
            if (output[i - 1] < 0 && output[i] >= 0)
            {
                crossings++;
            }
        }
        Assert.InRange(crossings / (22000 / 24000.0), 995, 1005);
        Assert.Equal(Rms(input.AsSpan(1000, 20000)), Rms(output.AsSpan(1000, 20000)), 2);
    }

    [Fact]
    public void DownsamplingRemovesWhatTheNewRateCannotHoldInsteadOfAliasingIt()
    {
        var input = Sine(10000, 48000, 0.5);

        var output = Resampler.Convert(input, 48000, 16000);

        Assert.True(Rms(output.AsSpan(500, output.Length - 1000)) < 0.005, "a 10 kHz tone must not survive at 16 kHz (its Nyquist is 8 kHz)");
    }

    [Fact]
    public void StreamingInBlocksGivesTheSameSignalAsOneShot()
    {
        var input = Sine(440, 22050, 0.5);
        var streamed = new List<float>();
        using (var resampler = new Resampler(22050, 24000))
        {
            for (var i = 0; i < input.Length; i += 1000)
            {
                resampler.Process(input.AsSpan(i, Math.Min(1000, input.Length - i)), b => streamed.AddRange(b));
            }
            resampler.Process([], b => streamed.AddRange(b));
        }

        var whole = Resampler.Convert(input, 22050, 24000);

        Assert.Equal(whole.Length, streamed.Count);
        for (var i = 0; i < whole.Length; i++)
        {
            Assert.Equal(whole[i], streamed[i], 4);
        }
    }
}

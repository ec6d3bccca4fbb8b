using Mediagate.Audio;

namespace Mediagate.Tests.Audio;

/// <summary>The reference signals of EBU Tech 3341 (loudness) and Tech 3342 (loudness range), generated here.</summary>
public sealed class LoudnessMeterTests
{
    private const int Rate = 48000;

    /// <summary>A stereo 1 kHz sine, both channels at <paramref name="dbfs"/> unless <paramref name="rightSilent"/>, for <paramref name="seconds"/>.</summary>
    private static IEnumerable<float> Sine(double dbfs, double seconds, bool rightSilent = false, int rate = Rate, double frequency = 1000)
    {
        var amplitude = Math.Pow(10, dbfs / 20);
        var frames = (int)(seconds * rate);
        for (var i = 0; i < frames; i++)
        {
            var v = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate));
            yield return v;
            yield return rightSilent ? 0f : v;
        }
    }

    private static LoudnessReport Measure(IEnumerable<float> stereo, int rate = Rate) => LoudnessMeter.Measure(stereo.ToArray(), rate, 2);

    [Theory]
    [InlineData(-23.0, -23.0)]
    [InlineData(-33.0, -33.0)]
    public void Tech3341Cases1And2ASteadySineReadsItsLevel(double dbfs, double lufs)
    {
        Assert.Equal(lufs, Measure(Sine(dbfs, 20)).IntegratedLufs, 0.1);
    }

    [Fact]
    public void Tech3341Case3QuietPartsAreGatedOut()
    {
        var report = Measure(Sine(-36, 10).Concat(Sine(-23, 60)).Concat(Sine(-36, 10)));

        Assert.Equal(-23.0, report.IntegratedLufs, 0.1);
    }

    [Fact]
    public void Tech3341Case4TheAbsoluteAndRelativeGatesBothWork()
    {
        var report = Measure(Sine(-72, 10).Concat(Sine(-36, 10)).Concat(Sine(-23, 60)).Concat(Sine(-36, 10)).Concat(Sine(-72, 10)));

        Assert.Equal(-23.0, report.IntegratedLufs, 0.1);
    }

    [Fact]
    public void Tech3341Case5LevelChangesAverageInTheEnergyDomain()
    {
        var report = Measure(Sine(-26, 20).Concat(Sine(-20, 20.1)).Concat(Sine(-26, 20)));

        Assert.Equal(-23.0, report.IntegratedLufs, 0.1);
    }

    [Fact]
    public void ASineAtMinus20DbfsOnOneChannelReadsMinus23Lufs()
    {
        Assert.Equal(-23.0, Measure(Sine(-20, 20, rightSilent: true)).IntegratedLufs, 0.1);
    }

    [Fact]
    public void TheResultDoesNotDependOnTheSampleRate()
    {
        Assert.Equal(-23.0, Measure(Sine(-23, 20, rate: 44100), 44100).IntegratedLufs, 0.1);
    }

    [Theory]
    [InlineData(-20, -30, 10)]
    [InlineData(-20, -15, 5)]
    [InlineData(-40, -20, 20)]
    public void Tech3342Cases1To3TwoLevelsGiveTheirDifferenceAsLoudnessRange(double first, double second, double range)
    {
        Assert.Equal(range, Measure(Sine(first, 20).Concat(Sine(second, 20))).LoudnessRangeLu, 1.0);
    }

    [Fact]
    public void Tech3342Case4FiveLevels()
    {
        var signal = Sine(-50, 20).Concat(Sine(-35, 20)).Concat(Sine(-20, 20)).Concat(Sine(-35, 20)).Concat(Sine(-50, 20));

        Assert.Equal(15, Measure(signal).LoudnessRangeLu, 1.0);
    }

    [Fact]
    public void TheTruePeakFindsThePeakBetweenSamples()
    {
        // A sine at a quarter of the rate, 45° off: every sample is at 0.707 of the true peak, 3 dB below it.
        var frames = Rate;
        var signal = new float[frames * 2];
        for (var i = 0; i < frames; i++)
        {
            signal[2 * i] = signal[2 * i + 1] = (float)(0.5 * Math.Sin(Math.PI / 2 * i + Math.PI / 4));
        }

        var report = LoudnessMeter.Measure(signal, Rate, 2);

        Assert.Equal(-9.03, report.SamplePeakDbfs, 0.05);
        Assert.Equal(-6.02, report.TruePeakDbtp, 0.3);
    }

    [Fact]
    public void SilenceHasNoLoudness()
    {
        var report = LoudnessMeter.Measure(new float[Rate * 4], Rate, 2);

        Assert.True(double.IsNegativeInfinity(report.IntegratedLufs));
        Assert.Equal(0, LoudnessMeter.GainTo(report, -16));
    }

    [Fact]
    public void TheNormalisingGainStopsAtTheTruePeakCeiling()
    {
        var report = Measure(Sine(-23, 10));

        Assert.Equal(7.0, LoudnessMeter.GainTo(report, -16), 0.1);
        Assert.Equal(report.TruePeakDbtp * -1 - 1.0, LoudnessMeter.GainTo(report, 0, ceilingDbtp: -1.0), 0.01);
    }

    [Fact]
    public void FeedingInSmallBlocksGivesTheSameResult()
    {
        var signal = Sine(-26, 5).Concat(Sine(-20, 5)).ToArray();
        var meter = new LoudnessMeter(Rate, 2);
        for (var i = 0; i < signal.Length; i += 2 * 333)
        {
            meter.Add(signal.AsSpan(i, Math.Min(2 * 333, signal.Length - i)));
        }

        Assert.Equal(LoudnessMeter.Measure(signal, Rate, 2), meter.Result());
    }
}

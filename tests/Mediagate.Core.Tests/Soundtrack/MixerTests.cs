using Mediagate.Audio;
using Mediagate.Soundtrack;

namespace Mediagate.Tests.Soundtrack;

public sealed class MixerTests
{
    private const int Rate = MixSettings.SampleRate;

    /// <summary>A speech stand-in: a 220 Hz tone with a syllable-rate wobble, so it is loud and peaky like a voice.</summary>
    private static float[] Voice(double seconds, double amplitude = 0.3)
    {
        var x = new float[(int)(seconds * Rate)];
        for (var i = 0; i < x.Length; i++)
        {
            var t = (double)i / Rate;
            x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * 220 * t) * (0.6 + 0.4 * Math.Sin(2 * Math.PI * 4 * t)));
        }
        return x;
    }

    /// <summary>A steady stereo 3 kHz tone standing in for the music bed, far from the voice's frequency so each can be measured in the mix.</summary>
    private static float[] Music(double seconds, double amplitude = 0.5)
    {
        var x = new float[(int)(seconds * Rate) * 2];
        for (var i = 0; i < x.Length / 2; i++)
        {
            x[2 * i] = x[2 * i + 1] = (float)(amplitude * Math.Sin(2 * Math.PI * 3000 * i / Rate));
        }
        return x;
    }

    /// <summary>The amplitude of one frequency in the left channel over [from, to) seconds (Goertzel).</summary>
    private static double Level(float[] stereo, double frequency, double from, double to)
    {
        int start = (int)(from * Rate), end = (int)(to * Rate);
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / Rate);
        double s1 = 0, s2 = 0;
        for (var i = start; i < end; i++)
        {
            var s0 = stereo[2 * i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        var power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.Sqrt(power) / (end - start);
    }

    private static MixInput Scene(double secondLine = 0.6) => new(
        (int)(12.0 * Rate),
        [new VoiceClip(Rate * 1, Voice(3)), new VoiceClip(Rate * 7, Voice(3, secondLine))],
        Music(12),
        [new EffectClip((int)(5.0 * Rate), Clap(), 1.0)]);

    private static float[] Clap()
    {
        var random = new Random(3);
        var x = new float[Rate / 5 * 2];
        for (var i = 0; i < x.Length / 2; i++)
        {
            x[2 * i] = x[2 * i + 1] = (float)((random.NextDouble() * 2 - 1) * Math.Exp(-i / (0.02 * Rate)));
        }
        return x;
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(-23)]
    [InlineData(-9)]
    public void TheMixMeetsItsLoudnessTargetUnderTheTruePeakCeilingWithoutClipping(double target)
    {
        var result = Mixer.Mix(Scene(), new MixSettings { TargetLufs = target });

        var measured = LoudnessMeter.Measure(result.Stereo, Rate, 2);
        Assert.InRange(measured.IntegratedLufs, target - 0.5, target + 0.5);
        Assert.True(measured.TruePeakDbtp <= -1.0, $"true peak {measured.TruePeakDbtp:0.00} dBTP");
        Assert.True(result.Stereo.Max(Math.Abs) < 1.0f);
        Assert.Equal(measured.IntegratedLufs, result.Loudness.IntegratedLufs, 6);
    }

    [Fact]
    public void TheMusicIsLowerUnderTheVoiceThanBetweenLinesByTheDocumentedDepth()
    {
        var settings = new MixSettings();
        var result = Mixer.Mix(Scene() with { Effects = [] }, settings);

        // Well inside the first line (after the attack) and well inside the gap (after hold and release).
        var underVoice = Level(result.Stereo, 3000, 2.0, 3.5);
        var betweenLines = Level(result.Stereo, 3000, 5.0, 6.5);
        var depth = 20 * Math.Log10(betweenLines / underVoice);
        Assert.InRange(depth, settings.DuckDepthDb - 0.5, settings.DuckDepthDb + 0.5);
        // Before the first line the music is at its bed level too; the drop is complete by the time the voice starts.
        Assert.InRange(20 * Math.Log10(Level(result.Stereo, 3000, 0.2, 0.8) / betweenLines), -0.5, 0.5);
        Assert.InRange((double)result.MusicDuck![Rate * 1], Math.Pow(10, -settings.DuckDepthDb / 20) - 1e-4, Math.Pow(10, -settings.DuckDepthDb / 20) + 1e-4);
    }

    [Fact]
    public void TheMusicBedSitsTheDocumentedDistanceBelowTheNarration()
    {
        var settings = new MixSettings();
        var result = Mixer.Mix(Scene(secondLine: 0.3) with { Effects = [] }, settings);

        // Between lines only the music plays; during a line, the narration (with the ducked music 20 dB under it, +0.04 dB).
        var line = LoudnessMeter.Measure(result.Stereo.AsSpan(2 * (int)(1.5 * Rate), 2 * (int)(2.0 * Rate)).ToArray(), Rate, 2).IntegratedLufs;
        var gap = LoudnessMeter.Measure(result.Stereo.AsSpan(2 * (int)(5.0 * Rate), 2 * (int)(1.5 * Rate)).ToArray(), Rate, 2).IntegratedLufs;
        Assert.InRange(gap - line, settings.MusicBedLu - 0.5, settings.MusicBedLu + 0.5);
    }

    [Fact]
    public void SoundEffectsStartAtTheirCueTimesAndTheirVolumes()
    {
        // Tone bursts: a low crest factor keeps the limiter out of it, so the volumes can be compared exactly.
        var burst = Enumerable.Range(0, Rate / 5 * 2).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * (i / 2) / Rate))).ToArray();
        var input = new MixInput((int)(4.0 * Rate), [], null,
        [
            new EffectClip((int)(0.5 * Rate), burst, 1.0),
            new EffectClip((int)(2.25 * Rate), burst, 0.5),
        ]);

        var result = Mixer.Mix(input, new MixSettings());

        Assert.Equal(0, result.LimitedDb);
        var onsets = Onsets(result.Stereo, 0.01f);
        Assert.Equal(2, onsets.Count);
        Assert.InRange(onsets[0], 0.5, 0.5 + 0.002);
        Assert.InRange(onsets[1], 2.25, 2.25 + 0.002);
        // Volume 0.5 is 6 dB below volume 1.
        var first = Level(result.Stereo, 1000, 0.5, 0.7);
        var second = Level(result.Stereo, 1000, 2.25, 2.45);
        Assert.InRange(20 * Math.Log10(first / second), 5.5, 6.5);
    }

    [Fact]
    public void SilenceStaysSilentRatherThanBeingAmplified()
    {
        var result = Mixer.Mix(new MixInput(Rate, [new VoiceClip(0, new float[Rate])], null, []), new MixSettings());

        Assert.All(result.Stereo, s => Assert.Equal(0f, s));
        Assert.True(double.IsNegativeInfinity(result.Loudness.IntegratedLufs));
    }

    [Fact]
    public void AnUnusableTargetIsRefused()
    {
        var error = Assert.Throws<UsageException>(() => Mixer.Mix(Scene(), new MixSettings { TargetLufs = -60 }));
        Assert.StartsWith("loudness -60 LUFS is out of range; use -40 to -5", error.Message);
    }

    [Fact]
    public void TheLimiterHoldsEverySampleUnderItsCeilingAndLeavesQuietAudioAlone()
    {
        var loud = Music(1, 0.9).Select((s, i) => i % 9600 < 40 ? 1.8f : s).ToArray();
        var quiet = Music(1, 0.2);
        var untouched = quiet.ToArray();

        var reduction = PeakLimiter.Apply(loud, 2, Rate, 0.8);
        var none = PeakLimiter.Apply(quiet, 2, Rate, 0.8);

        Assert.True(loud.Max(Math.Abs) <= 0.8f + 1e-6f);
        Assert.InRange(reduction, 20 * Math.Log10(1.8 / 0.8) - 0.1, 20 * Math.Log10(1.8 / 0.8) + 0.1);
        Assert.Equal(0, none);
        Assert.Equal(untouched, quiet);
    }

    private static List<double> Onsets(float[] stereo, float threshold)
    {
        var onsets = new List<double>();
        var lastLoud = -Rate;
        for (var i = 0; i < stereo.Length / 2; i++)
        {
            if (Math.Abs(stereo[2 * i]) > threshold)
            {
                if (i - lastLoud > Rate / 2)
                {
                    onsets.Add((double)i / Rate);
                }
                lastLoud = i;
            }
        }
        return onsets;
    }
}

using Mediagate.Audio;

namespace Mediagate.Tests.Soundtrack;

public sealed class StereoAudioTests
{
    private const int Rate = 48000;

    private static float[] Steady(double seconds) => Enumerable.Range(0, (int)(seconds * Rate) * 2).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 440 * (i / 2) / Rate))).ToArray();

    [Fact]
    public void AShortTrackLoopsToExactlyTheLengthWithoutAGapAtTheSeams()
    {
        var (track, plays) = StereoAudio.Fit(Steady(4), 10 * Rate, Rate, crossfadeSeconds: 1.0, fadeInSeconds: 0.1, fadeOutSeconds: 0.1);

        Assert.Equal(10 * Rate * 2, track.Length);
        Assert.Equal(4, plays); // 4 s, then 3 s more per repeat after the 1 s crossfade: 4 + 3 + 3 covers 10 s, the fourth play fills the rest.
        // Between the fades, no 50 ms stretch goes quiet: the crossfades keep the level up.
        for (var start = (int)(0.2 * Rate); start < 9.8 * Rate - 2400; start += 2400)
        {
            var peak = 0f;
            for (var i = start; i < start + 2400; i++)
            {
                peak = Math.Max(peak, Math.Abs(track[2 * i]));
            }
            Assert.True(peak > 0.3f, $"quiet at {start / (double)Rate:0.00} s");
        }
    }

    [Fact]
    public void ALongTrackIsCutAndFadedOut()
    {
        var (track, plays) = StereoAudio.Fit(Steady(8), 5 * Rate, Rate);

        Assert.Equal(5 * Rate * 2, track.Length);
        Assert.Equal(1, plays);
        Assert.Equal(0f, track[^2]);
        Assert.Equal(0f, track[0]);
    }

    [Fact]
    public void MonoWavIsReadAsStereoAtTheRateAsked()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mediagate-stereo-{Guid.NewGuid():N}.wav");
        try
        {
            using (var file = File.Create(path))
            {
                var writer = new WavWriter(file, 24000, 1);
                writer.Write(Enumerable.Range(0, 24000).Select(i => (float)(0.25 * Math.Sin(2 * Math.PI * 300 * i / 24000.0))).ToArray());
                writer.Complete();
            }

            var stereo = StereoAudio.Read(path, Rate);

            Assert.InRange(stereo.Length / 2, Rate - 10, Rate + 10);
            for (var i = 1000; i < 2000; i++)
            {
                Assert.Equal(stereo[2 * i], stereo[2 * i + 1]);
            }
            Assert.InRange(stereo.Max(Math.Abs), 0.24f, 0.26f);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

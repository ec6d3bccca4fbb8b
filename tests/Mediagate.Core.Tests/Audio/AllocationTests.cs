using Mediagate.Audio;

namespace Mediagate.Tests.Audio;

/// <summary>The DSP paths documented as allocation-free allocate nothing once warm, however long they run.</summary>
public sealed class AllocationTests
{
    private static float[] Noise(int samples, int seed)
    {
        var random = new Random(seed);
        var x = new float[samples];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)(random.NextDouble() - 0.5) * 0.8f;
        }
        return x;
    }

    /// <summary>
    /// Bytes this thread allocates in a window of calls, after <paramref name="calls"/> calls to warm up.
    /// <para>
    /// Each window is as long as every call before it, so a buffer that grows with the calls made (doubling as
    /// lists do) must grow inside it. The runtime may allocate on the thread once, when it recompiles the method
    /// under test at a higher tier; so a window that allocated is followed by the next, twice as long, up to three,
    /// and the least is returned. A path that allocates per call, or keeps growing, allocates in every window.
    /// </para>
    /// </summary>
    private static long Allocated(int calls, Action call)
    {
        for (var i = 0; i < calls; i++)
        {
            call();
        }
        var made = calls;
        var least = long.MaxValue;
        for (var window = 0; window < 3 && least > 0; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < made; i++)
            {
                call();
            }
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            made *= 2;
        }
        return least;
    }

    [Theory]
    [InlineData(48000, 2, true, 1024)]
    [InlineData(48000, 2, false, 1024)]
    [InlineData(44100, 1, true, 333)]
    [InlineData(48000, 6, true, 4800)]
    public void TheLoudnessMeterAllocatesNothingPerBlock(int rate, int channels, bool truePeak, int frames)
    {
        var meter = new LoudnessMeter(rate, channels, truePeak);
        var block = Noise(frames * channels, channels);

        // Windows of 512 calls and more: at 4800 frames a call, 51 s of audio, in which a growing list would grow.
        Assert.Equal(0, Allocated(512, () => meter.Add(block)));
    }

    [Fact]
    public void TheLoudnessMeterStillMeasuresAfterAnHourOfAudioWithoutAllocating()
    {
        var meter = new LoudnessMeter(8000, 1, truePeak: false);
        var block = Noise(8000, 1);
        var seconds = 0;

        // Half an hour to warm up, then at least the next half hour, one second of audio a call.
        Assert.Equal(0, Allocated(1800, () =>
        {
            meter.Add(block);
            seconds++;
        }));

        var reference = LoudnessMeter.Measure(block, 8000, 1, truePeak: false);
        Assert.InRange(meter.Result().IntegratedLufs, reference.IntegratedLufs - 0.05, reference.IntegratedLufs + 0.05);
        Assert.InRange(meter.Result().DurationSeconds, seconds - 0.1, seconds + 0.1);
        Assert.True(seconds >= 3600, $"measured {seconds} s of audio, not an hour");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void ChannelMixToMonoIntoASpanAllocatesNothing(int channels)
    {
        var interleaved = Noise(4096 * channels, 3);
        var mono = new float[4096];

        Assert.Equal(0, Allocated(512, () => ChannelMix.ToMono(interleaved, channels, mono)));
    }
}

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

    /// <summary>Bytes this thread allocates over <paramref name="calls"/> calls, after as many calls to warm up.</summary>
    private static long Allocated(int calls, Action call)
    {
        for (var i = 0; i < calls; i++)
        {
            call();
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            call();
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
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

        // 512 calls of 4800 frames is 51 s of audio: long enough that a growing list would have grown several times.
        Assert.Equal(0, Allocated(512, () => meter.Add(block)));
    }

    [Fact]
    public void TheLoudnessMeterStillMeasuresAfterAnHourOfAudioWithoutAllocating()
    {
        var meter = new LoudnessMeter(8000, 1, truePeak: false);
        var block = Noise(8000, 1);
        meter.Add(block);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var second = 0; second < 3600; second++)
        {
            meter.Add(block);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        var reference = LoudnessMeter.Measure(block, 8000, 1, truePeak: false);
        Assert.InRange(meter.Result().IntegratedLufs, reference.IntegratedLufs - 0.05, reference.IntegratedLufs + 0.05);
        Assert.InRange(meter.Result().DurationSeconds, 3600.9, 3601.1);
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

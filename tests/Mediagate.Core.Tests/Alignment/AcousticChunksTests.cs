using Mediagate.Alignment;
using Mediagate.Captions;

namespace Mediagate.Tests.Alignment;

public sealed class AcousticChunksTests
{
    /// <summary>A recording of <paramref name="seconds"/> s: one word of 0.5 s after each pause of <paramref name="pauseFrames"/> frames, and the coarse timing of those words.</summary>
    private static (bool[] Quiet, List<Word> Coarse) Speech(int seconds, int pauseFrames)
    {
        var quiet = new bool[seconds * 100];
        var coarse = new List<Word>();
        for (var f = 0; f + pauseFrames + 50 <= quiet.Length; f += pauseFrames + 50)
        {
            Array.Fill(quiet, true, f, pauseFrames);
            coarse.Add(new Word($"w{coarse.Count}", "word", (f + pauseFrames) / 100.0, (f + pauseFrames + 50) / 100.0));
        }
        return (quiet, coarse);
    }

    [Fact]
    public void ALongRecordingIsCutOnlyInPausesOf300MsIntoChunksOfTenSecondsOrMore()
    {
        var (quiet, coarse) = Speech(120, 40);

        var chunks = AcousticChunks.Plan(quiet, coarse, coarse.Count, quiet.Length);

        Assert.True(chunks.Count >= 8, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.True(c.EndFrame - c.StartFrame >= 1000, $"{c} is shorter than 10 s"));
        Assert.All(chunks.Skip(1), c => Assert.True(quiet[c.StartFrame], $"{c} does not begin in a pause"));
        Assert.Equal(coarse.Count, chunks.Sum(c => c.TokenCount));
        Assert.Equal(quiet.Length, chunks[^1].EndFrame);
    }

    [Fact]
    public void FastSpeechWithNoPauseOf300MsIsCutAtItsShorterPausesRatherThanDecodedWhole()
    {
        var (quiet, coarse) = Speech(120, 20);

        var chunks = AcousticChunks.Plan(quiet, coarse, coarse.Count, quiet.Length);

        Assert.True(chunks.Count >= 8, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.True(c.EndFrame - c.StartFrame <= 6000, $"{c} is longer than a minute"));
        Assert.Equal(coarse.Count, chunks.Sum(c => c.TokenCount));
    }

    [Fact]
    public void PausesTooShortEvenForThatLeaveTheRecordingWhole()
    {
        var (quiet, coarse) = Speech(120, 10);

        Assert.Single(AcousticChunks.Plan(quiet, coarse, coarse.Count, quiet.Length));
    }
}

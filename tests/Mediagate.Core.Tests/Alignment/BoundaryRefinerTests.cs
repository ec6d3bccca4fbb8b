using Mediagate.Alignment;

namespace Mediagate.Tests.Alignment;

public sealed class BoundaryRefinerTests
{
    /// <summary>Frames [0, 100) sound, [100, 130) a 300 ms pause, [130, 200) sound.</summary>
    private static bool[] Quiet() => Enumerable.Range(0, 200).Select(f => f is >= 100 and < 130).ToArray();

    private static bool[] Everywhere(bool clear) => Enumerable.Repeat(clear, 200).ToArray();

    [Theory]
    [InlineData(100)]
    [InlineData(115)]
    [InlineData(97)]
    public void AStartInAPauseOrJustBeforeOneMovesToWhereTheSoundBegins(int start)
    {
        var (first, last, startMoved, endMoved) = BoundaryRefiner.Refine(Quiet(), Everywhere(true), start, 180);

        Assert.Equal((130, 180, true, false), (first, last, startMoved, endMoved));
    }

    [Theory]
    [InlineData(130)]
    [InlineData(120)]
    [InlineData(134)]
    public void AnEndInAPauseOrJustAfterOneStartsMovesBackToWhereTheSoundEnds(int end)
    {
        var (first, last, startMoved, endMoved) = BoundaryRefiner.Refine(Quiet(), Everywhere(true), 40, end);

        Assert.Equal((40, 100, false, true), (first, last, startMoved, endMoved));
    }

    [Fact]
    public void AStopsClosureShorterThanAPauseStaysInTheWord()
    {
        var quiet = Enumerable.Range(0, 200).Select(f => f is >= 100 and < 108).ToArray();

        Assert.Equal((100, 180, false, false), BoundaryRefiner.Refine(quiet, Everywhere(true), 100, 180));
    }

    [Fact]
    public void WherePausesAreNotClearOfTheNoiseOnlyAQuarterSecondInsideTheWordMovesIt()
    {
        // 300 ms of quiet, but the word holds only 150 ms of it: in noise that may be a weak consonant.
        Assert.Equal((115, 180, false, false), BoundaryRefiner.Refine(Quiet(), Everywhere(false), 115, 180));
        var longPause = Enumerable.Range(0, 200).Select(f => f is >= 60 and < 130).ToArray();
        Assert.Equal((130, 180, true, false), BoundaryRefiner.Refine(longPause, Everywhere(false), 100, 180));
    }

    [Fact]
    public void AWordIsNeverRefinedToNothing()
    {
        var (first, last, _, _) = BoundaryRefiner.Refine(Quiet(), Everywhere(true), 100, 131);

        Assert.True(last - first >= 1);
        Assert.Equal((100, 131), (first, last));
    }

    [Fact]
    public void QuietIsJudgedAgainstTheSpeechAroundItSoADigitalSilenceLeadInDoesNotHideThePauses()
    {
        const int rate = 16000;
        var audio = new float[rate * 6];
        var random = new Random(18);
        // 2 s of digital silence, 1 s of "speech", 0.3 s of a -60 dB pause, 1 s of speech, then silence.
        for (var i = 2 * rate; i < 3 * rate; i++) audio[i] = (float)(0.3 * Math.Sin(i * 0.05));
        for (var i = 3 * rate; i < (int)(3.3 * rate); i++) audio[i] = (float)(0.001 * (random.NextDouble() - 0.5));
        for (var i = (int)(3.3 * rate); i < (int)(4.3 * rate); i++) audio[i] = (float)(0.3 * Math.Sin(i * 0.05));

        var levels = BoundaryRefiner.Levels(audio);

        Assert.All(Enumerable.Range(303, 25), f => Assert.True(levels.Quiet[f], $"frame {f} of the pause is not quiet"));
        Assert.All(Enumerable.Range(210, 80), f => Assert.False(levels.Quiet[f]));
        Assert.True(levels.Clear[310]);
        Assert.True(levels.Loud[250]);
        Assert.False(levels.Loud[310]);
    }
}

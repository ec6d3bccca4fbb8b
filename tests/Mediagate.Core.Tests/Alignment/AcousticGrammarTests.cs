using Mediagate.Alignment;

namespace Mediagate.Tests.Alignment;

public sealed class AcousticGrammarTests
{
    private static AcousticGrammar Grammar() =>
        AcousticGrammar.Build(["one", "two", "three", "four", "five", "six", "seven"], AcousticModel.Find(null, out _)!.DictionaryPath);

    [Fact]
    public void AChunkWithExactEdgesIsItsTokensInOrder()
    {
        Assert.EndsWith("= t2_0_0 t3_0_0 t4_0_0 ;\n", Grammar().JsgfOf(2, 3));
    }

    [Fact]
    public void AChunkWithLooseEdgesMayBeginAndEndAFewTokensEitherSideOnlyInOrder()
    {
        var jsgf = Grammar().JsgfOf(2, 5, 1, 1);

        // It may begin at token 1, 2 or 3 and end after token 3, 4 or 5; token 3 is always spoken.
        Assert.EndsWith("= [ [ t1_0_0 ] t2_0_0 ] t3_0_0 [ t4_0_0 [ t5_0_0 ] ] ;\n", jsgf);
    }

    [Fact]
    public void LooseEdgesThatMeetLeaveNoTokenMandatoryAndStopAtTheTextsEnds()
    {
        Assert.EndsWith("= [ [ [ [ [ t0_0_0 ] t1_0_0 ] t2_0_0 ] t3_0_0 ] t4_0_0 ] [ t5_0_0 [ t6_0_0 ] ] ;\n", Grammar().JsgfOf(2, 5, 3, 3));
    }

    [Fact]
    public void TheFirstSpokenTokenSkipsTokensWithNothingToSay()
    {
        var grammar = AcousticGrammar.Build(["one", "-", "–", "two"], AcousticModel.Find(null, out _)!.DictionaryPath);

        Assert.Equal(3, grammar.FirstSpokenFrom(1));
        Assert.Equal(-1, grammar.FirstSpokenFrom(4));
    }
}

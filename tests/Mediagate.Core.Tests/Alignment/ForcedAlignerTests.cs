using Mediagate.Alignment;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Alignment;

public sealed class ForcedAlignerTests
{
    [Theory]
    [InlineData("en-gb+m3", 1.25, 60)]
    [InlineData("af_heart", 0.85, 40)]
    public void AnotherVoiceSpeedAndPitchWithNoiseAndPaddingAlignsWithinTheTargets(string voice, double speed, int pitch)
    {
        var (audio, truth) = SyntheticSpeech.Build(SyntheticSpeech.Script, voice, speed, pitch, 1.0, 1.5, k => k == 1 ? 1.5 : 0.2, snrDb: 20, seed: 7);

        var result = new ForcedAligner().Align(audio, string.Join(' ', SyntheticSpeech.Script), CancellationToken.None);

        Assert.Equal(truth.Select(w => w.Text), result.Words.Select(w => w.Text));
        var errors = SyntheticSpeech.BoundaryErrors(truth, result.Words);
        Assert.True(SyntheticSpeech.Percentile(errors, 0.5) <= 0.040, $"median {SyntheticSpeech.Percentile(errors, 0.5):F3} s");
        Assert.True(SyntheticSpeech.Percentile(errors, 0.95) <= 0.120, $"p95 {SyntheticSpeech.Percentile(errors, 0.95):F3} s");
    }

    [Fact]
    public void ESpeakSpeechOfItsOwnTextIsNeverRefusedAndWhereTheAcousticModelCannotFollowItDtwTimesItAndSaysSo()
    {
        string[] script = ["The quick brown fox jumps over the lazy dog while the painter finishes a portrait of the old harbour at dawn."];
        var methods = new List<AlignmentMethod?>();
        // Null is eSpeak's default voice, the DTW method's own reference.
        foreach (var (voice, speed) in new (string?, double)[] { (null, 1.0), ("en-us+f3", 1.3), ("en-gb+m3", 1.1) })
        {
            var (audio, truth) = SyntheticSpeech.Build(script, voice!, speed, 50, 0.5, 0.5, _ => 0.4, snrDb: 60, seed: 5);

            var result = new ForcedAligner().Align(audio, string.Join(' ', script), CancellationToken.None);

            Assert.False(ForcedAligner.TextMissing(result), $"{voice} at {speed}x was refused: {result.Warning}");
            if (result.Method == AlignmentMethod.Dtw)
            {
                Assert.Contains("could not follow this voice", result.Warning);
            }
            var errors = SyntheticSpeech.BoundaryErrors(truth, result.Words);
            Assert.True(SyntheticSpeech.Percentile(errors, 0.5) <= 0.040, $"{voice}: median {SyntheticSpeech.Percentile(errors, 0.5):F3} s");
            Assert.True(SyntheticSpeech.Percentile(errors, 0.95) <= 0.120, $"{voice}: p95 {SyntheticSpeech.Percentile(errors, 0.95):F3} s");
            methods.Add(result.Method);
        }
        // eSpeak's default voice is far from human speech: at least that one takes the DTW way.
        Assert.Contains(AlignmentMethod.Dtw, methods);
    }

    [Fact]
    public void ASyntheticVoiceSpeakingOtherWordsIsStillNotTakenToHoldTheText()
    {
        var (audio, _) = SyntheticSpeech.Build(SyntheticSpeech.Script[..3], "en-us+f3", 1.3, 50, 0.5, 0.5, _ => 0.4, snrDb: 40, seed: 5);

        var result = new ForcedAligner().Align(audio, string.Join(' ', SyntheticSpeech.Script[3..]), CancellationToken.None);

        Assert.True(ForcedAligner.TextMissing(result), $"overall confidence {result.OverallConfidence}, warning {result.Warning}");
    }

    [Fact]
    public void SilenceAtTheStartEndAndBetweenSentencesDoesNotPullBoundaries()
    {
        var (audio, truth) = SyntheticSpeech.Build(SyntheticSpeech.Script[..2], "en-us+f2", 1.0, 50, 3.0, 4.0, _ => 2.5, snrDb: 30, seed: 1);

        var words = new ForcedAligner().Align(audio, string.Join(' ', SyntheticSpeech.Script[..2]), CancellationToken.None).Words;

        Assert.InRange(words[0].Start - truth[0].Start, -0.05, 0.05);
        Assert.InRange(words[^1].End - truth[^1].End, -0.12, 0.05);
        var lastOfFirst = SyntheticSpeech.Script[0].Split(' ').Length - 1;
        Assert.InRange(words[lastOfFirst].End - truth[lastOfFirst].End, -0.12, 0.05);
        Assert.InRange(words[lastOfFirst + 1].Start - truth[lastOfFirst + 1].Start, -0.05, 0.05);
    }

    [Fact]
    public void WordsAreMonotonicNonOverlappingAndInsideTheAudio()
    {
        var (audio, _) = SyntheticSpeech.Build(SyntheticSpeech.Script, "en-us", 1.1, 50, 0.5, 0.5, _ => 0.3, snrDb: 25, seed: 3);

        var result = new ForcedAligner().Align(audio, string.Join(' ', SyntheticSpeech.Script), CancellationToken.None);

        var previous = 0.0;
        foreach (var word in result.Words)
        {
            Assert.True(word.Start >= previous && word.End >= word.Start, $"{word} after {previous}");
            previous = word.End;
        }
        Assert.True(previous <= result.AudioDuration);
    }

    [Fact]
    public void DtwFollowsAKnownWarp()
    {
        // b is a with every third frame repeated: the path must map each row of a to the columns its copies landed in.
        var a = Enumerable.Range(0, 300).Select(i => (float)Math.Sin(i * 0.05) * 10 + i * 0.1f).ToArray();
        var columns = new List<int>();
        var b = new List<float>();
        for (var i = 0; i < a.Length; i++)
        {
            columns.Add(b.Count);
            b.Add(a[i]);
            if (i % 3 == 0)
            {
                b.Add(a[i]);
            }
        }

        var (first, _) = Dtw.AlignMultiScale(a, [.. b], 1, blockSize: 4, fineRadius: 4);

        var misses = Enumerable.Range(0, a.Length).Count(i => Math.Abs(first[i] - columns[i]) > 1);
        Assert.True(misses <= 3, $"{misses} rows off the known warp");
    }
}

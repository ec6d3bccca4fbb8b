using Mediagate.Alignment;

namespace Mediagate.Tests.Alignment;

public sealed class AcousticAlignerTests
{
    [Fact]
    public void TheFliteSubsetAlignsWithinTheRegressionThresholds()
    {
        List<double> starts = [], ends = [];
        var failures = new List<string>();
        foreach (var name in AlignmentFixtures.Names)
        {
            var truth = AlignmentFixtures.Truth(name);
            var result = new ForcedAligner().Align(AlignmentFixtures.Audio(name), AlignmentFixtures.Text(name), CancellationToken.None);

            Assert.Equal(AlignmentMethod.Acoustic, result.Method);
            Assert.Equal(truth.Select(t => t.Text), result.Words.Select(w => w.Text));
            for (var i = 0; i < truth.Count; i++)
            {
                var (word, expected) = (result.Words[i], truth[i]);
                starts.Add(Math.Abs(word.Start - expected.Start));
                ends.Add(Math.Abs(word.End - expected.End));
                if (word.End - word.Start < 0.020)
                {
                    failures.Add($"{name} {word.Text} lasts {word.End - word.Start:F3} s");
                }
                if (expected.PauseBefore >= 0.1 && Math.Abs(word.Start - expected.Start) > 0.1)
                {
                    failures.Add($"{name} {word.Text} after a pause starts at {word.Start:F3} s, truth {expected.Start:F3} s");
                }
            }
        }

        Assert.Empty(failures);
        Assert.True(Percentile(starts, 0.5) <= 0.012, $"start median {Percentile(starts, 0.5):F4} s");
        Assert.True(Percentile(ends, 0.5) <= 0.012, $"end median {Percentile(ends, 0.5):F4} s");
        Assert.True(Percentile(starts, 0.95) <= 0.045, $"start p95 {Percentile(starts, 0.95):F4} s");
        Assert.True(Percentile(ends, 0.95) <= 0.045, $"end p95 {Percentile(ends, 0.95):F4} s");
    }

    [Fact]
    public void EveryWordHasAConfidenceAndSpeechThatHoldsTheTextIsConfident()
    {
        var name = AlignmentFixtures.Names.First();

        var result = new ForcedAligner().Align(AlignmentFixtures.Audio(name), AlignmentFixtures.Text(name), CancellationToken.None);

        Assert.Equal(result.Words.Count, result.Confidence.Count);
        Assert.All(result.Confidence, c => Assert.InRange(c, 0, 1));
        Assert.InRange(result.OverallConfidence!.Value, 0.8, 1);
        Assert.False(ForcedAligner.TextMissing(result));
        Assert.Null(result.Warning);
    }

    [Fact]
    public void ARecordingOfOtherWordsIsReportedAsNotHoldingTheText()
    {
        var names = AlignmentFixtures.Names.ToList();

        var result = new ForcedAligner().Align(AlignmentFixtures.Audio(names[0]), AlignmentFixtures.Text(names[1]), CancellationToken.None);

        Assert.True(ForcedAligner.TextMissing(result), $"overall confidence {result.OverallConfidence}");
    }

    [Fact]
    public void WithoutTheAcousticModelItFallsBackToDtwAndSaysHowToInstallIt()
    {
        var name = AlignmentFixtures.Names.First();
        var missing = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}");

        var result = new ForcedAligner(missing).Align(AlignmentFixtures.Audio(name), AlignmentFixtures.Text(name), CancellationToken.None);

        Assert.Equal(AlignmentMethod.Dtw, result.Method);
        Assert.Contains("acoustic model is missing", result.Warning);
        Assert.Contains("apt-get install libpocketsphinx3 pocketsphinx-en-us", result.Warning);
        Assert.Equal(AlignmentFixtures.Truth(name).Count, result.Words.Count);
        Assert.Null(result.OverallConfidence);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}

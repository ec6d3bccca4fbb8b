using Mediagate.Alignment;
using Mediagate.Captions;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Alignment;

/// <summary>
/// A recording long enough to be aligned in chunks (45 s or more): the suite's flite fixtures twice over, in two orders,
/// with pauses of 0.8 to 1.6 s between them, and the fixtures' own timings, moved by the audio before them, as the truth.
/// </summary>
public sealed class LongRecordingTests
{
    private const int Rate = 16000;

    /// <summary>The joined recording, its text, and the truth's words (text, start, end, pause before).</summary>
    private static readonly Lazy<(float[] Audio, string Text, List<(string Text, double Start, double End, double PauseBefore)> Truth)> Joined = new(Join);

    [Fact]
    public void AMinuteOfSentencesBetweenPausesAlignsWithinTheSubsetsThresholds()
    {
        var (audio, text, truth) = Joined.Value;
        Assert.True(audio.Length >= AcousticChunks.MinSeconds * Rate, $"{audio.Length / (double)Rate:F1} s is too short to be aligned in chunks");

        var result = new ForcedAligner().Align(audio, text, CancellationToken.None);

        Assert.Equal(AlignmentMethod.Acoustic, result.Method);
        AssertCloseToTheTruth(result.Words, truth);
    }

    [Fact]
    public void AMinuteOfOtherWordsIsNotTakenToHoldTheText()
    {
        var (audio, text, _) = Joined.Value;
        var otherWords = string.Join(" ", SyntheticSpeech.Script.Concat(SyntheticSpeech.Script).Concat(SyntheticSpeech.Script));

        var result = new ForcedAligner().Align(audio, otherWords, CancellationToken.None);

        Assert.True(ForcedAligner.TextMissing(result), $"overall confidence {result.OverallConfidence}");
        Assert.NotEqual(text, otherWords);
    }

    [Fact]
    public void UnspokenTokensAtTheEndOfALongTextGetTheLastWordsEndAndTheRestIsStillTimed()
    {
        var (audio, text, truth) = Joined.Value;

        var result = new ForcedAligner().Align(audio, text + " — –", CancellationToken.None);

        Assert.Equal(AlignmentMethod.Acoustic, result.Method);
        Assert.Equal(truth.Count + 2, result.Words.Count);
        Assert.InRange(result.Words[truth.Count - 1].End - truth[^1].End, -0.045, 0.045);
        Assert.All(result.Words.Skip(truth.Count), w => Assert.Equal((result.Words[truth.Count - 1].End, result.Words[truth.Count - 1].End), (w.Start, w.End)));
    }

    [Fact]
    public void AudioShorterThanATenthOfASecondIsRefusedAsSuch()
    {
        var error = Assert.Throws<Mediagate.Audio.WavFormatException>(() => new ForcedAligner().Align(new float[800], "hello", CancellationToken.None));

        Assert.Contains("less than 0.1 s", error.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void ChunkCutsPlacedSeveralWordsWrongByTheCoarseTimingStillGiveTheTrueTimings(int wrongBy)
    {
        var (audio, text, truth) = Joined.Value;
        var tokens = ForcedAligner.Tokens(text);
        // A coarse timing that is right about where the pauses are but gives each time to the word `wrongBy` tokens later, so
        // every cut the plan makes at a pause hands that many words to the wrong chunk.
        var coarse = tokens.Select((token, i) =>
        {
            var source = truth[Math.Min(truth.Count - 1, i + wrongBy)];
            return new Word($"w{i}", token, source.Start, source.End);
        }).ToList();
        var model = AcousticModel.Find(null, out var missing) ?? throw new InvalidOperationException(missing);
        var levels = BoundaryRefiner.Levels(audio);
        var chunks = AcousticChunks.Plan(levels.Quiet, coarse, tokens.Length, audio.Length / 160);
        var sentenceStarts = truth.Select((w, i) => (w, i)).Where(p => p.w.PauseBefore >= 0.5).Select(p => p.i).ToHashSet();
        Assert.True(chunks.Count >= 3, $"the plan made {chunks.Count} chunks");
        var wrongCuts = chunks.Skip(1).Count(c => !sentenceStarts.Contains(c.FirstToken));
        Assert.True(2 * wrongCuts >= chunks.Count - 1, $"only {wrongCuts} of the plan's {chunks.Count - 1} cuts are misplaced");

        var segments = new PocketSphinxAligner(model).Align(audio, levels, tokens, Task.FromResult<IReadOnlyList<Word>?>(coarse), CancellationToken.None);

        AssertCloseToTheTruth(AcousticTimings.ToResult(tokens, segments, levels).Words, truth);
    }

    private static void AssertCloseToTheTruth(IReadOnlyList<Word> words, List<(string Text, double Start, double End, double PauseBefore)> truth)
    {
        Assert.Equal(truth.Select(t => t.Text), words.Select(w => w.Text));
        var (starts, ends) = (new List<double>(), new List<double>());
        var failures = new List<string>();
        for (var i = 0; i < truth.Count; i++)
        {
            starts.Add(Math.Abs(words[i].Start - truth[i].Start));
            ends.Add(Math.Abs(words[i].End - truth[i].End));
            if (truth[i].PauseBefore >= 0.1 && Math.Abs(words[i].Start - truth[i].Start) > 0.1)
            {
                failures.Add($"word {i} {words[i].Text} after a pause starts at {words[i].Start:F3} s, truth {truth[i].Start:F3} s");
            }
            if (words[i].End - words[i].Start < 0.020)
            {
                failures.Add($"word {i} {words[i].Text} lasts {words[i].End - words[i].Start:F3} s");
            }
        }
        Assert.Empty(failures);
        var worst = "; the worst words (index, text, start and end error in ms): " + string.Join(", ", Enumerable.Range(0, truth.Count)
            .OrderByDescending(i => Math.Max(ends[i], starts[i])).Take(10)
            .Select(i => $"{i} {truth[i].Text} {(words[i].Start - truth[i].Start) * 1000:F0}/{(words[i].End - truth[i].End) * 1000:F0}"));
        Assert.True(Percentile(starts, 0.5) <= 0.012, $"start median {Percentile(starts, 0.5):F4} s{worst}");
        Assert.True(Percentile(ends, 0.5) <= 0.012, $"end median {Percentile(ends, 0.5):F4} s{worst}");
        Assert.True(Percentile(starts, 0.95) <= 0.045, $"start p95 {Percentile(starts, 0.95):F4} s{worst}");
        Assert.True(Percentile(ends, 0.95) <= 0.045, $"end p95 {Percentile(ends, 0.95):F4} s{worst}");
    }

    private static (float[], string, List<(string, double, double, double)>) Join()
    {
        var names = AlignmentFixtures.Names.ToList();
        var order = names.Concat(Enumerable.Reverse(names)).ToList();
        var audio = new List<float>();
        var texts = new List<string>();
        var truth = new List<(string, double, double, double)>();
        var pauses = new[] { 0.8, 1.6, 1.1, 1.4 };
        for (var k = 0; k < order.Count; k++)
        {
            audio.AddRange(new float[(int)(pauses[k % pauses.Length] * Rate)]);
            var offset = audio.Count / (double)Rate;
            var piece = AlignmentFixtures.Truth(order[k]);
            truth.AddRange(piece.Select((w, i) => (w.Text, w.Start + offset, w.End + offset, i == 0 ? w.PauseBefore + pauses[k % pauses.Length] : w.PauseBefore)));
            audio.AddRange(ForcedAligner.Load(AlignmentFixtures.Audio(order[k])));
            texts.Add(AlignmentFixtures.Text(order[k]).Trim());
        }
        audio.AddRange(new float[Rate]);
        return (audio.ToArray(), string.Join(" ", texts), truth);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}

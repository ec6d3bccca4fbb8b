using Mediagate.Local.Kokoro;
using Xunit;

namespace Mediagate.Core.Tests.Local.Kokoro;

public sealed class KokoroTokenizerTests
{
    /// <summary>Words "wordN" as phonemes "abcd", a comma after every third and a full stop after every eighth.</summary>
    private static KokoroPhonemes Synthetic(int words)
    {
        var units = new List<KokoroUnit>();
        for (var i = 0; i < words; i++)
        {
            units.Add(new KokoroUnit("abcd", i, false, units.Count > 0));
            if (i % 8 == 7)
            {
                units.Add(new KokoroUnit(".", i, true, false));
            }
            else if (i % 3 == 2)
            {
                units.Add(new KokoroUnit(",", i, true, false));
            }
        }
        return new KokoroPhonemes(Enumerable.Range(0, words).Select(i => $"word{i}").ToList(), units);
    }

    [Fact]
    public void ShortTextIsOneChunk()
    {
        var chunks = new KokoroTokenizer(KokoroVocabulary.V1).Chunks(Synthetic(10));

        Assert.Single(chunks);
        Assert.Equal((10 * 4) + 9 + 4, chunks[0].Ids.Length);
    }

    [Fact]
    public void LongTextIsCutIntoChunksOfAtMost510AfterAFullStop()
    {
        var phonemes = Synthetic(400);
        var chunks = new KokoroTokenizer(KokoroVocabulary.V1).Chunks(phonemes);

        Assert.True(chunks.Count >= 4);
        Assert.All(chunks, c => Assert.InRange(c.Ids.Length, 256, KokoroTokenizer.MaxTokens));
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(4L, c.Ids[^1]));
        Assert.All(chunks, c => Assert.NotEqual(16L, c.Ids[0]));
        // No word is split: each word's four tokens are in one chunk, and every word is there once.
        var words = chunks.SelectMany(c => c.Words.Where(w => w >= 0).Distinct().Select(w => (w, c.Words.Count(x => x == w)))).ToList();
        Assert.Equal(Enumerable.Range(0, 400), words.Select(w => w.w));
        Assert.All(words, w => Assert.Equal(4, w.Item2));
    }

    [Fact]
    public void WithoutAFullStopItCutsAfterACommaThenBetweenWords()
    {
        var commas = new KokoroTokenizer(KokoroVocabulary.V1).Chunks(Synthetic(20), maxTokens: 40);
        Assert.All(commas.SkipLast(1), c => Assert.Contains(c.Ids[^1], new[] { 3L, 4L }));

        var plain = new KokoroPhonemes(["a", "b", "c"], [new("abcd", 0, false, false), new("abcd", 1, false, true), new("abcd", 2, false, true)]);
        var cut = new KokoroTokenizer(KokoroVocabulary.V1).Chunks(plain, maxTokens: 9);
        Assert.Equal([9, 4], cut.Select(c => c.Ids.Length));
    }

    [Fact]
    public void AWordLongerThanAChunkIsCutHard()
    {
        var one = new KokoroPhonemes(["x"], [new(new string('a', 1200), 0, false, false)]);

        Assert.Equal([510, 510, 180], new KokoroTokenizer(KokoroVocabulary.V1).Chunks(one).Select(c => c.Ids.Length));
    }
}

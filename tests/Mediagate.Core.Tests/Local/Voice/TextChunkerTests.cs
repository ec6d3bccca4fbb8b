using Mediagate.Local.Voice;

namespace Mediagate.Tests.Local.Voice;

public sealed class TextChunkerTests
{
    [Fact]
    public void ChunksCoverTheTextExactlyAndEndAtSentenceBoundaries()
    {
        var text = string.Concat(Enumerable.Range(0, 80).Select(i => $"Sentence {i} says something plain. "));

        var chunks = TextChunker.Split(text).ToList();

        Assert.True(chunks.Count > 3);
        Assert.Equal(text, string.Concat(chunks.Select(c => text.Substring(c.Start, c.Length))));
        Assert.All(chunks.SkipLast(1), c => Assert.EndsWith("plain.", text.Substring(c.Start, c.Length).TrimEnd()));
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, TextChunker.HardLength));
    }

    [Fact]
    public void AbbreviationsDoNotEndAChunk()
    {
        var filler = new string('x', TextChunker.TargetLength);
        var text = $"{filler} Dr. Smith met Mr. Brown. Then they left.";

        var chunks = TextChunker.Split(text).Select(c => text.Substring(c.Start, c.Length)).ToList();

        Assert.Equal($"{filler} Dr. Smith met Mr. Brown.", chunks[0]);
    }

    [Fact]
    public void ASentenceLongerThanTheHardLimitIsCutAtASpace()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 1500));

        var chunks = TextChunker.Split(text).ToList();

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, TextChunker.HardLength));
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(' ', text[c.Start + c.Length - 1]));
    }
}

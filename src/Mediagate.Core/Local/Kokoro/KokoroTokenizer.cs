namespace Mediagate.Local.Kokoro;

/// <summary>Maps phonemes to Kokoro's token ids and cuts them into chunks the model takes, preferably after a sentence, then after any mark, then between words.</summary>
public sealed class KokoroTokenizer(KokoroVocabulary vocabulary)
{
    /// <summary>The most phoneme tokens one model call takes (512 with the two pads).</summary>
    public const int MaxTokens = 510;

    private const string SentenceEnds = ".!?…";

    /// <summary>The token ids of <paramref name="phonemes"/> in chunks of at most <paramref name="maxTokens"/>; symbols outside the vocabulary are dropped.</summary>
    public IReadOnlyList<KokoroChunk> Chunks(KokoroPhonemes phonemes, int maxTokens = MaxTokens)
    {
        var ids = new List<long>();
        var words = new List<int>();
        var breaks = new List<(int At, int Rank)>();
        KokoroUnit? previous = null;
        foreach (var unit in phonemes.Units)
        {
            if (unit.SpaceBefore && vocabulary.TryGetId(' ', out var space))
            {
                var rank = previous is { IsPunctuation: true } p ? (SentenceEnds.Contains(p.Symbols[0]) ? 3 : 2) : 1;
                breaks.Add((ids.Count, rank));
                ids.Add(space);
                words.Add(-1);
            }
            foreach (var symbol in unit.Symbols)
            {
                if (vocabulary.TryGetId(symbol, out var id))
                {
                    ids.Add(id);
                    words.Add(unit.IsPunctuation ? -1 : unit.Word);
                }
            }
            previous = unit;
        }
        return Cut(ids, words, breaks, maxTokens);
    }

    private static List<KokoroChunk> Cut(List<long> ids, List<int> words, List<(int At, int Rank)> breaks, int maxTokens)
    {
        var chunks = new List<KokoroChunk>();
        var start = 0;
        while (start < ids.Count)
        {
            var end = ids.Count;
            var next = ids.Count;
            if (ids.Count - start > maxTokens)
            {
                // The best break in the window's second half (so no chunk is needlessly short), else the last one in it. The space at
                // a break is dropped: the chunk ends before it and the next one starts after it.
                var window = breaks.Where(b => b.At > start && b.At <= start + maxTokens).ToList();
                var late = window.Where(b => b.At >= start + maxTokens / 2).ToList();
                var best = (late.Count > 0 ? late : window)
                    .OrderByDescending(b => b.Rank).ThenByDescending(b => b.At).Select(b => (int?)b.At).FirstOrDefault();
                (end, next) = best is { } at ? (at, at + 1) : (start + maxTokens, start + maxTokens);
            }
            chunks.Add(new KokoroChunk(ids.GetRange(start, end - start).ToArray(), words.GetRange(start, end - start).ToArray()));
            start = next;
        }
        return chunks;
    }
}

using Mediagate.Captions;

namespace Mediagate.Local.Kokoro;

/// <summary>Times the text's words from the model's per-token durations: a word runs from its first token's start to its last token's end.</summary>
/// <remarks>
/// Durations count frames of 600 samples at 24 kHz. They are scaled to each chunk's real audio length, so that rounding in the
/// export never lets a word run past its chunk. A word with no token (a lone dash) gets a zero-length timing where it stands.
/// </remarks>
public sealed class KokoroTimeline(int wordCount)
{
    private readonly double?[] _start = new double?[wordCount];
    private readonly double?[] _end = new double?[wordCount];

    /// <summary>The number of words that got a spoken start.</summary>
    public int TimedWords => _start.Count(s => s is not null);

    /// <summary>Adds one chunk: its tokens, the durations the model gave (with or without the pads' two), and where its audio starts.</summary>
    public void AddChunk(KokoroChunk chunk, IReadOnlyList<double> durations, long chunkStartSample, int chunkSamples)
    {
        var offset = durations.Count == chunk.Ids.Length + 2 ? 1 : 0;
        var total = durations.Sum() * KokoroModel.SamplesPerFrame;
        var scale = total > 0 ? chunkSamples / total : 0;
        var cursor = offset == 1 ? durations[0] * KokoroModel.SamplesPerFrame * scale : 0;
        for (var k = 0; k < chunk.Ids.Length && k + offset < durations.Count; k++)
        {
            var length = Math.Max(0, durations[k + offset]) * KokoroModel.SamplesPerFrame * scale;
            var word = chunk.Words[k];
            if (word >= 0 && word < _start.Length)
            {
                var start = (chunkStartSample + cursor) / KokoroModel.SampleRate;
                var end = (chunkStartSample + cursor + length) / KokoroModel.SampleRate;
                _start[word] = Math.Min(_start[word] ?? start, start);
                _end[word] = Math.Max(_end[word] ?? end, end);
            }
            cursor += length;
        }
    }

    /// <summary>Every word with a start and an end, monotonic, within <paramref name="duration"/> seconds; numbered w0, w1…</summary>
    public IReadOnlyList<Word> Words(IReadOnlyList<string> words, double duration)
    {
        var result = new List<Word>(words.Count);
        var previousEnd = 0.0;
        for (var i = 0; i < words.Count; i++)
        {
            var start = Math.Clamp(_start[i] ?? previousEnd, previousEnd, duration);
            var end = Math.Clamp(_end[i] ?? start, start, duration);
            result.Add(new Word($"w{i}", words[i], Math.Round(start, 3), Math.Round(end, 3)));
            previousEnd = end;
        }
        return result;
    }
}

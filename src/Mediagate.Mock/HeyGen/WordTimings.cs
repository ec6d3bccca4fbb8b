using Mediagate.Captions;

namespace Mediagate.Mock.HeyGen;

/// <summary>Word timings as HeyGen sends them: in order, and never zero-length (eSpeak can give a short word no time of its own).</summary>
internal static class WordTimings
{
    /// <summary>The shortest a word may last, in seconds.</summary>
    public const double Shortest = 0.02;

    /// <summary>Each word with an end at least <see cref="Shortest"/> after its start; a word never starts before the previous one ends.</summary>
    public static IEnumerable<(string Word, double Start, double End)> NeverEmpty(IReadOnlyList<Word> words)
    {
        var previousEnd = 0.0;
        foreach (var word in words)
        {
            var start = Math.Round(Math.Max(word.Start, previousEnd), 3);
            var end = Math.Round(Math.Max(word.End, start + Shortest), 3);
            previousEnd = end;
            yield return (word.Text, start, end);
        }
    }
}

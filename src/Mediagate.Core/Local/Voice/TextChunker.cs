using System.Text.RegularExpressions;

namespace Mediagate.Local.Voice;

/// <summary>Splits long text into chunks that end at sentence boundaries, so synthesis of a book chapter needs memory for one chunk at a time.</summary>
internal static partial class TextChunker
{
    /// <summary>The size a chunk grows to before it is closed at the next sentence end.</summary>
    public const int TargetLength = 600;

    /// <summary>A chunk that has no sentence end by this length is cut at the last space.</summary>
    public const int HardLength = 2000;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr.", "mrs.", "ms.", "dr.", "st.", "vs.", "etc.", "e.g.", "i.e.", "jr.", "sr.", "prof.", "inc.", "no.", "fig.", "approx.",
    };

    [GeneratedRegex(@"[.!?…]+[""'”’)\]]*(?=\s)|\n\s*\n", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    /// <summary>The chunks, as (start index, length) into <paramref name="text"/>; together they cover it exactly.</summary>
    public static IEnumerable<(int Start, int Length)> Split(string text)
    {
        var start = 0;
        var lastBoundary = -1;
        foreach (Match end in SentenceEnd().Matches(text))
        {
            var boundary = end.Index + end.Length;
            if (IsAbbreviation(text, end.Index))
            {
                continue;
            }
            while (boundary - start > HardLength)
            {
                var cut = lastBoundary > start ? lastBoundary : CutAtSpace(text, start);
                yield return (start, cut - start);
                start = cut;
                lastBoundary = -1;
            }
            if (boundary - start >= TargetLength)
            {
                yield return (start, boundary - start);
                start = boundary;
                lastBoundary = -1;
            }
            else
            {
                lastBoundary = boundary;
            }
        }
        while (text.Length - start > HardLength)
        {
            var cut = lastBoundary > start ? lastBoundary : CutAtSpace(text, start);
            yield return (start, cut - start);
            start = cut;
            lastBoundary = -1;
        }
        if (start < text.Length)
        {
            yield return (start, text.Length - start);
        }
    }

    private static int CutAtSpace(string text, int start)
    {
        var limit = Math.Min(text.Length, start + HardLength);
        var space = text.LastIndexOfAny([' ', '\n', '\t'], limit - 1, limit - start - 1);
        return space > start ? space + 1 : limit;
    }

    private static bool IsAbbreviation(string text, int dotIndex)
    {
        if (text[dotIndex] != '.')
        {
            return false;
        }
        var wordStart = dotIndex;
        while (wordStart > 0 && !char.IsWhiteSpace(text[wordStart - 1]))
        {
            wordStart--;
        }
        var word = text[wordStart..(dotIndex + 1)];
        return Abbreviations.Contains(word) || (word.Length == 2 && char.IsUpper(word[0]));
    }
}

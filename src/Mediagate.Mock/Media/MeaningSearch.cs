using System.Text.RegularExpressions;

namespace Mediagate.Mock.Media;

/// <summary>
/// Ranks documents by meaning the way a small embedding search would, without a model: each query word scores 1 when the
/// document has it (or a word with the same stem), 0.85 when the document has a word of the same sense group (synonyms), and
/// the score is 0.55 + 0.45 × the share of query words met, so partial overlap still ranks. Words the lexicon and the document
/// both lack weigh half, so a stray word dilutes a match without sinking it.
/// </summary>
public sealed partial class MeaningSearch
{
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "the", "of", "for", "with", "in", "on", "to", "music", "track", "song", "tune", "bgm", "sound", "sounds",
        "effect", "effects", "sfx", "audio", "style", "type", "kind", "vibe", "vibes", "some", "like", "very",
    ];

    private readonly Dictionary<string, int[]> _groupsOf = new(StringComparer.Ordinal);

    /// <summary>A search over sense groups: each array is a set of words that mean about the same.</summary>
    public MeaningSearch(IEnumerable<string[]> groups)
    {
        var index = 0;
        foreach (var group in groups)
        {
            foreach (var word in group)
            {
                var stem = Stem(word);
                _groupsOf[stem] = _groupsOf.TryGetValue(stem, out var existing) ? [.. existing, index] : [index];
            }
            index++;
        }
    }

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonAlphanumeric();

    /// <summary>The score of a document for a query, from 0 (nothing in common) to 1; 0.55 or more means at least one word met.</summary>
    public double Score(string query, string document)
    {
        var words = Words(query).ToList();
        if (words.Count == 0)
        {
            return 0;
        }
        var stems = Words(document).ToHashSet(StringComparer.Ordinal);
        var senses = stems.SelectMany(s => _groupsOf.TryGetValue(s, out var g) ? g : []).ToHashSet();
        double met = 0, weight = 0;
        foreach (var word in words)
        {
            var groups = _groupsOf.TryGetValue(word, out var g) ? g : [];
            var value = stems.Contains(word) ? 1.0 : groups.Any(senses.Contains) ? 0.85 : 0;
            weight += value > 0 || groups.Length > 0 ? 1 : 0.5;
            met += value;
        }
        return met == 0 ? 0 : Math.Round(0.55 + 0.45 * Math.Min(1, met / weight), 3);
    }

    /// <summary>The stemmed content words of a text.</summary>
    private static IEnumerable<string> Words(string text) =>
        NonAlphanumeric().Split(text.ToLowerInvariant().Replace("lo-fi", "lofi", StringComparison.Ordinal).Replace("hip-hop", "hiphop", StringComparison.Ordinal))
            .Where(w => w.Length > 0 && !StopWords.Contains(w))
            .Select(Stem)
            .Distinct(StringComparer.Ordinal);

    /// <summary>A crude English stem, enough that "inspiring", "inspired" and "inspirational" meet.</summary>
    private static string Stem(string word)
    {
        word = word.ToLowerInvariant();
        foreach (var suffix in (ReadOnlySpan<string>)["ational", "ation", "ingly", "ical", "ing", "ive", "ful", "ers", "ed", "er", "al", "ic", "ly", "es", "s", "y"])
        {
            if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }
        return word;
    }
}

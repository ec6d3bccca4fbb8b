namespace Mediagate.Text;

/// <summary>"Did you mean …" suggestions by edit distance.</summary>
public static class Nearest
{
    /// <summary>"did you mean a, b, c?" with the three names nearest to <paramref name="wanted"/>.</summary>
    public static string Suggest(string wanted, IEnumerable<string> candidates)
    {
        var nearest = candidates.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => (Name: c, Distance: Distance(wanted.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(3).Select(c => c.Name).ToList();
        return nearest.Count == 0 ? "there is nothing to choose from" : $"did you mean {string.Join(", ", nearest)}?";
    }

    /// <summary>The Levenshtein distance between two strings.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

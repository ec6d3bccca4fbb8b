namespace Mediagate.Alignment;

/// <summary>Reads from the CMU pronunciation dictionary only the words a text needs, with every listed pronunciation.</summary>
/// <remarks>Scanning the 3.5 MB file for a few hundred words is cheaper than letting pocketsphinx load all 135,000 entries.</remarks>
internal static class CmuDictionary
{
    /// <summary>For each of <paramref name="words"/> (lower-case) that the dictionary holds, its pronunciations as ARPAbet phones.</summary>
    public static Dictionary<string, List<string>> Lookup(string path, IReadOnlySet<string> words)
    {
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var wanted = new HashSet<string>(words, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var text = File.ReadAllText(path).AsSpan();
        foreach (var range in text.Split('\n'))
        {
            var line = text[range];
            var space = line.IndexOf(' ');
            if (space <= 0)
            {
                continue;
            }
            var head = line[..space];
            var paren = head.IndexOf('(');
            if (paren > 0)
            {
                head = head[..paren];
            }
            if (!wanted.TryGetValue(head, out var word))
            {
                continue;
            }
            var phones = line[(space + 1)..].Trim();
            var hash = phones.IndexOf('#');
            if (hash >= 0)
            {
                phones = phones[..hash].Trim();
            }
            if (!found.TryGetValue(word, out var list))
            {
                found[word] = list = [];
            }
            list.Add(phones.ToString());
        }
        return found;
    }
}

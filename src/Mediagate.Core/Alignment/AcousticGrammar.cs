using System.Text;
using Mediagate.Local.Voice;

namespace Mediagate.Alignment;

/// <summary>
/// The JSGF grammar and pronunciation dictionary that force pocketsphinx onto the words of a text: one rule that is the
/// text's tokens in order, each an alternation of its readings, every spoken word a dictionary entry named after its token.
/// </summary>
/// <remarks>Naming each entry <c>t{token}_{reading}_{word}</c> lets the decoder's segments be traced back to the text's words
/// without matching strings; pocketsphinx's own filler handling lets silence and noise fall between any two words.</remarks>
internal sealed class AcousticGrammar
{
    private readonly string[] rules;

    private readonly Dictionary<string, string> phones;

    private AcousticGrammar(string[] rules, string dictionary, Dictionary<string, string> phones)
    {
        this.rules = rules;
        this.phones = phones;
        Dictionary = dictionary;
        SpokenTokens = rules.Count(r => r.Length > 0);
    }

    /// <summary>The grammar, in JSGF.</summary>
    public string Jsgf => JsgfOf(0, rules.Length);

    /// <summary>The dictionary file's text (name, then phones; alternatives as <c>name(2)</c>).</summary>
    public string Dictionary { get; }

    /// <summary>How many tokens have at least one reading.</summary>
    public int SpokenTokens { get; }

    /// <summary>How many tokens the text has.</summary>
    public int TokenCount => rules.Length;

    /// <summary>Whether any of the tokens [<paramref name="from"/>, <paramref name="to"/>) (clipped to the text) has a reading.</summary>
    public bool AnySpoken(int from, int to) => FirstSpokenFrom(from) is var t && t >= 0 && t < Math.Min(to, rules.Length);

    /// <summary>The first token at or after <paramref name="token"/> that has a reading, or -1 when none does.</summary>
    public int FirstSpokenFrom(int token)
    {
        for (var t = Math.Max(0, token); t < rules.Length; t++)
        {
            if (rules[t].Length > 0)
            {
                return t;
            }
        }
        return -1;
    }

    /// <summary>The grammar of the tokens [<paramref name="first"/>, first + count) only (a chunk of the audio); its word names keep the whole text's token indices.</summary>
    public string JsgfOf(int first, int count) => JsgfOf(first, first + count, 0, 0);

    /// <summary>
    /// The grammar of the tokens [<paramref name="first"/>, <paramref name="end"/>) of a chunk whose edges are only roughly
    /// known: it may begin up to <paramref name="startSlack"/> tokens before or after <paramref name="first"/>, and end up to
    /// <paramref name="endSlack"/> before or after <paramref name="end"/>. The tokens around each edge are a nest of optionals
    /// (<c>[ [ a ] b ]</c> at the start, <c>[ c [ d ] ]</c> at the end), so the decoder takes as many of them as the audio
    /// holds, and only in order.
    /// </summary>
    public string JsgfOf(int first, int end, int startSlack, int endSlack)
    {
        end = Math.Max(end, first);
        var (startFrom, startTo) = (Math.Max(0, first - startSlack), Math.Min(end, first + startSlack));
        var (endFrom, endTo) = (Math.Max(startTo, end - endSlack), Math.Min(rules.Length, end + endSlack));
        if (endSlack == 0)
        {
            endTo = end;
        }
        var spoken = (int from, int to) => Enumerable.Range(from, Math.Max(0, to - from)).Where(t => rules[t].Length > 0).ToList();
        var jsgf = new StringBuilder("#JSGF V1.0;\ngrammar align;\npublic <utterance> =");
        var leading = spoken(startFrom, startTo);
        jsgf.Append(string.Concat(Enumerable.Repeat(" [", leading.Count)));
        foreach (var t in leading)
        {
            jsgf.Append(rules[t]).Append(" ]");
        }
        for (var t = startTo; t < endFrom; t++)
        {
            jsgf.Append(rules[t]);
        }
        var trailing = spoken(endFrom, endTo);
        foreach (var t in trailing)
        {
            jsgf.Append(" [").Append(rules[t]);
        }
        jsgf.Append(string.Concat(Enumerable.Repeat(" ]", trailing.Count)));
        return jsgf.Append(" ;\n").ToString();
    }

    /// <summary>The phones of a decoded word name (<c>t3_0_1</c>, or <c>t3_0_1(2)</c> for its second pronunciation), space-separated; empty for fillers.</summary>
    public string PhonesOf(string name) => phones.GetValueOrDefault(name, "");

    /// <summary>The token index that a decoded word name belongs to, or -1 for fillers and silence.</summary>
    public static int TokenOf(string name)
    {
        if (name.Length < 2 || name[0] != 't')
        {
            return -1;
        }
        var end = name.IndexOf('_');
        return end > 1 && int.TryParse(name.AsSpan(1, end - 1), out var index) ? index : -1;
    }

    /// <summary>Builds the grammar for <paramref name="tokens"/>, reading pronunciations from <paramref name="cmuDictionaryPath"/> and eSpeak for the rest.</summary>
    public static AcousticGrammar Build(IReadOnlyList<string> tokens, string cmuDictionaryPath)
    {
        var readings = tokens.Select(SpokenReadings.Of).ToList();
        for (var t = 1; t < readings.Count; t++)
        {
            SpokenReadings.MoveCurrency(tokens[t - 1], readings[t]);
        }
        var vocabulary = readings.SelectMany(r => r).SelectMany(r => r).Select(w => w.Text).ToHashSet(StringComparer.Ordinal);
        var lexicon = CmuDictionary.Lookup(cmuDictionaryPath, vocabulary);
        foreach (var word in vocabulary.Where(w => !lexicon.ContainsKey(w)))
        {
            var guessed = Guess(word);
            if (guessed.Length > 0)
            {
                lexicon[word] = [guessed];
            }
        }

        var rules = new string[readings.Count];
        var dictionary = new StringBuilder();
        var phones = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var t = 0; t < readings.Count; t++)
        {
            var alternatives = new List<string>();
            for (var r = 0; r < readings[t].Count; r++)
            {
                var sequence = new StringBuilder();
                for (var w = 0; w < readings[t][r].Count; w++)
                {
                    var word = readings[t][r][w];
                    if (!lexicon.TryGetValue(word.Text, out var pronunciations))
                    {
                        continue;
                    }
                    var name = $"t{t}_{r}_{w}";
                    for (var p = 0; p < pronunciations.Count; p++)
                    {
                        var entry = p == 0 ? name : $"{name}({p + 1})";
                        dictionary.Append(entry).Append(' ').Append(pronunciations[p]).Append('\n');
                        phones[entry] = pronunciations[p];
                    }
                    sequence.Append(word.Optional ? $" [ {name} ]" : $" {name}");
                }
                if (sequence.Length > 0)
                {
                    alternatives.Add(sequence.ToString());
                }
            }
            rules[t] = alternatives.Count switch
            {
                0 => "",
                1 => alternatives[0],
                _ => $" ({string.Join(" |", alternatives)} )",
            };
        }
        return new AcousticGrammar(rules, dictionary.ToString(), phones);
    }

    /// <summary>A word the dictionary lacks: eSpeak's US English reading, in ARPAbet.</summary>
    private static string Guess(string word)
    {
        try
        {
            return IpaToArpabet.Convert(ESpeakEngine.Phonemize(word, "en-us"));
        }
        catch (VoiceEngineException)
        {
            return "";
        }
    }
}

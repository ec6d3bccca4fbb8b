using System.Text;
using Mediagate.Local.Voice;

namespace Mediagate.Local.Kokoro;

/// <summary>
/// Turns text into Kokoro's phonemes: each word normalised, the text between punctuation marks phonemised by eSpeak NG as one
/// clause (so stress follows the sentence), the marks kept as they stand, and Kokoro's rules applied.
/// </summary>
/// <remarks>
/// eSpeak can expand a word into several (<c>$12</c> → <c>twelve dollars</c>). When a clause's phoneme words do not pair one to
/// one with its words, each word is phonemised alone to count its share, so every phoneme stays traced to its word.
/// </remarks>
public sealed class KokoroPhonemizer
{
    /// <summary>The marks kept in the phonemes (phonemizer's <c>preserve_punctuation</c> set, curly quotes already straightened).</summary>
    public const string Punctuation = ";:,.!?¡¿—…\"«»()";

    private readonly Func<string, string, string> _espeak;

    /// <summary>Creates a phonemizer over eSpeak NG in-process, or over <paramref name="espeak"/> (text, eSpeak voice → IPA), which tests swap for the <c>espeak-ng --ipa</c> program.</summary>
    public KokoroPhonemizer(Func<string, string, string>? espeak = null) => _espeak = espeak ?? InProcess;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> VoiceNames = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>In-process eSpeak NG, with the language resolved to an installed eSpeak voice as the local voice does.</summary>
    private static string InProcess(string text, string language) =>
        ESpeakEngine.Phonemize(text, VoiceNames.GetOrAdd(language, l => VoiceCatalog.Resolve(null, l, ESpeakEngine.ListVoices()).ESpeakName));

    /// <summary>Phonemises <paramref name="text"/> in the eSpeak language <paramref name="language"/> (<c>en-us</c>, <c>en-gb</c>, <c>fr-fr</c>…).</summary>
    /// <exception cref="VoiceEngineException">eSpeak NG is missing or has no such language.</exception>
    public KokoroPhonemes Phonemize(string text, string language)
    {
        var words = KokoroNormalizer.StraightenQuotes(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var american = language.Equals("en-us", StringComparison.OrdinalIgnoreCase);
        var units = new List<KokoroUnit>();
        var clause = new List<(int Word, string Piece)>();
        for (var i = 0; i < words.Length; i++)
        {
            var piece = new StringBuilder();
            foreach (var c in KokoroNormalizer.Word(words[i]))
            {
                if (!Punctuation.Contains(c))
                {
                    piece.Append(c);
                    continue;
                }
                EndPiece(clause, i, piece);
                Flush(clause, units, language, american);
                Add(units, new KokoroUnit(c.ToString(), i, true, false));
            }
            EndPiece(clause, i, piece);
        }
        Flush(clause, units, language, american);
        return new KokoroPhonemes(words, units);
    }

    private static void EndPiece(List<(int, string)> clause, int word, StringBuilder piece)
    {
        if (piece.ToString().Trim() is { Length: > 0 } text)
        {
            clause.Add((word, text));
        }
        piece.Clear();
    }

    private void Flush(List<(int Word, string Piece)> clause, List<KokoroUnit> units, string language, bool american)
    {
        if (clause.Count == 0)
        {
            return;
        }
        var spoken = Split(KokoroPhonemeRules.Apply(_espeak(string.Join(' ', clause.Select(p => p.Piece)), language), american));
        var shares = spoken.Length == clause.Count
            ? Enumerable.Repeat(1, clause.Count).ToArray()
            : clause.Select(p => Split(KokoroPhonemeRules.Apply(_espeak(p.Piece, language), american)).Length).ToArray();
        var owners = Assign(shares, spoken.Length);
        for (var k = 0; k < clause.Count; k++)
        {
            var mine = Enumerable.Range(0, spoken.Length).Where(j => owners[j] == k).Select(j => spoken[j]).ToList();
            if (clause[k].Piece.Equals("kokoro", StringComparison.OrdinalIgnoreCase))
            {
                mine = [KokoroPhonemeRules.KokoroWord];
            }
            foreach (var symbols in mine)
            {
                Add(units, new KokoroUnit(symbols, clause[k].Word, false, false));
            }
        }
        clause.Clear();
    }

    /// <summary>Which piece each of <paramref name="count"/> phoneme words belongs to, by each piece's expected share (scaled when they disagree).</summary>
    private static int[] Assign(int[] shares, int count)
    {
        var total = shares.Sum();
        var owners = new int[count];
        for (var j = 0; j < count; j++)
        {
            var position = total == count ? j + 0.5 : (j + 0.5) * total / count;
            var (k, cumulative) = (0, 0.0);
            while (k < shares.Length - 1 && (cumulative + shares[k] <= position || shares[k] == 0))
            {
                cumulative += shares[k];
                k++;
            }
            owners[j] = k;
        }
        return owners;
    }

    private static string[] Split(string phonemes) => phonemes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void Add(List<KokoroUnit> units, KokoroUnit unit)
    {
        var previous = units.Count > 0 ? units[^1] : null;
        var space = previous is not null && (previous.Word != unit.Word || !previous.IsPunctuation && !unit.IsPunctuation);
        units.Add(unit with { SpaceBefore = space });
    }
}

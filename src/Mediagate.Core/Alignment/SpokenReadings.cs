using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mediagate.Local.Kokoro;

namespace Mediagate.Alignment;

/// <summary>
/// The ways one word of the text may be read aloud: "1999" as "nineteen ninety nine" or "one thousand nine hundred (and) ninety
/// nine", "$5.50" as "five dollars (and) fifty cents", "3rd" as "third", "42%" as "forty two percent", "Dr." as "doctor".
/// </summary>
/// <remarks>The acoustic model chooses among the readings, so a number is timed as the words that were actually spoken.</remarks>
internal static partial class SpokenReadings
{
    [GeneratedRegex(@"^(?<n>\d+)(?<suffix>st|nd|rd|th)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalToken();

    [GeneratedRegex(@"^[\d,]+$")]
    private static partial Regex Integer();

    /// <summary>The readings of <paramref name="token"/> (a whitespace-separated word of the text), each a list of spoken words; empty when it is not spoken.</summary>
    public static List<List<SpokenWord>> Of(string token)
    {
        var clean = KokoroNormalizer.StraightenQuotes(token).Trim("\"'()[]{}<>,.;:!?¡¿—–…*_".ToCharArray());
        if (!clean.Any(c => char.IsLetterOrDigit(c) || c == '&'))
        {
            return [];
        }
        var hasDigits = clean.Any(char.IsAsciiDigit);
        var readings = new List<List<SpokenWord>>();
        Add(readings, Expand(KokoroNormalizer.Word(token.Trim("\"'()[]{}<>,;:!?¡¿—–…*_".ToCharArray())), hasDigits));
        if (hasDigits && Integer().IsMatch(clean))
        {
            Add(readings, Expand(clean.Replace(",", ""), hasDigits));
        }
        return readings;
    }

    private static void Add(List<List<SpokenWord>> readings, List<SpokenWord> reading)
    {
        if (reading.Count > 0 && !readings.Any(r => r.SequenceEqual(reading)))
        {
            readings.Add(reading);
        }
    }

    private static List<SpokenWord> Expand(string text, bool numeric)
    {
        var words = new List<SpokenWord>();
        foreach (var raw in text.Split([' ', '-', '/', '–', '—'], StringSplitOptions.RemoveEmptyEntries))
        {
            var piece = raw.Trim("\"'()[]{}<>,.;:!?¡¿…*_".ToCharArray());
            var percent = piece.EndsWith('%');
            piece = piece.TrimEnd('%').TrimStart('$', '£').Replace(",", "");
            if (piece == "&")
            {
                words.Add(new SpokenWord("and", false));
            }
            else if (OrdinalToken().Match(piece) is { Success: true } ordinal && long.TryParse(ordinal.Groups["n"].Value, CultureInfo.InvariantCulture, out var nth))
            {
                words.AddRange(Numbers(NumberWords.Ordinal(nth)));
            }
            else if (piece.Length is > 0 and <= 15 && piece.All(char.IsAsciiDigit))
            {
                words.AddRange(Numbers(NumberWords.Cardinal(long.Parse(piece, CultureInfo.InvariantCulture))));
            }
            else if (Letters(piece) is { Length: > 0 } letters)
            {
                words.Add(new SpokenWord(letters, numeric && letters == "and"));
            }
            if (percent)
            {
                words.Add(new SpokenWord("percent", false));
            }
        }
        return words;
    }

    private static IEnumerable<SpokenWord> Numbers(List<string> words) => words.Select(w => new SpokenWord(w, w == "and"));

    private static string Letters(string piece)
    {
        var builder = new StringBuilder(piece.Length);
        foreach (var c in piece)
        {
            if (char.IsLetter(c) || (c == '\'' && builder.Length > 0))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString().TrimEnd('\'');
    }
}

/// <summary>One spoken word of a reading, lower-case; an optional one ("and" in "five hundred and two") may be left out.</summary>
internal readonly record struct SpokenWord(string Text, bool Optional);

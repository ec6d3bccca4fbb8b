using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mediagate.Local.Kokoro;

namespace Mediagate.Alignment;

/// <summary>
/// The ways one word of the text may be read aloud: "1999" as "nineteen ninety nine" or "one thousand nine hundred (and) ninety
/// nine", "$5.50" as "five dollars (and) fifty cents", "12" as "twelve" or "twelfth", "555" as "five five five", "5:00" as
/// "five" or "five o'clock", "42%" as "forty two percent", "Dr." as "doctor".
/// </summary>
/// <remarks>The acoustic model chooses among the readings, so a number is timed as the words that were actually spoken.</remarks>
internal static partial class SpokenReadings
{
    private const int MaxReadings = 8;
    private const string Punctuation = "\"'()[]{}<>,;:!?¡¿—–…*_";

    [GeneratedRegex(@"^(?<n>\d+)(?<suffix>st|nd|rd|th)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalToken();

    [GeneratedRegex(@"^(?<h>\d{1,2}):(?<m>\d\d)$")]
    private static partial Regex ClockToken();

    [GeneratedRegex(@"(?<=\d)\.(?=\d)")]
    private static partial Regex DecimalPoint();

    [GeneratedRegex(@"\d+|\p{L}[\p{L}']*")]
    private static partial Regex Runs();

    /// <summary>The readings of <paramref name="token"/> (a whitespace-separated word of the text), each a list of spoken words; empty when it is not spoken.</summary>
    public static List<List<SpokenWord>> Of(string token)
    {
        var straight = KokoroNormalizer.StraightenQuotes(token);
        var clean = straight.Trim((Punctuation + ".").ToCharArray());
        if (!clean.Any(c => char.IsLetterOrDigit(c) || c == '&'))
        {
            return [];
        }
        var readings = new List<List<SpokenWord>>();
        foreach (var full in Abbreviations.Expand(straight))
        {
            Add(readings, [full.Split(' ').Select(w => new SpokenWord(w, false)).ToList()]);
        }
        var hasDigits = clean.Any(char.IsAsciiDigit);
        Add(readings, Expand(KokoroNormalizer.Word(straight.Trim(Punctuation.ToCharArray())), hasDigits));
        if (hasDigits)
        {
            if (ClockToken().Match(clean) is { Success: true } clock)
            {
                var hour = Numbers(NumberWords.Cardinal(int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture))).ToList();
                Add(readings, [hour]);
                Add(readings, [[.. hour, new SpokenWord("hundred", false)]]);
                Add(readings, [[.. hour, .. Numbers(NumberWords.Cardinal(int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture)))]]);
            }
            Add(readings, Expand(clean.Replace(",", ""), hasDigits));
        }
        return readings;
    }

    /// <summary>"million" after "$2.3": read as "million dollars" too, since the currency is spoken after the scale word.</summary>
    public static void MoveCurrency(string previous, List<List<SpokenWord>> readings)
    {
        var unit = previous.TrimStart('(', '"').StartsWith('$') ? "dollars" : previous.TrimStart('(', '"').StartsWith('£') ? "pounds" : null;
        if (unit is null)
        {
            return;
        }
        Add(readings, readings.Where(r => r.Count == 1 && r[0].Text is "thousand" or "million" or "billion" or "trillion")
            .Select(r => r.Append(new SpokenWord(unit, false)).ToList()).ToList());
    }

    private static void Add(List<List<SpokenWord>> readings, List<List<SpokenWord>> candidates)
    {
        foreach (var reading in candidates)
        {
            if (reading.Count > 0 && readings.Count < MaxReadings && !readings.Any(r => r.SequenceEqual(reading)))
            {
                readings.Add(reading);
            }
        }
    }

    /// <summary>Every reading of a normalised word: the product of each piece's readings, at most <see cref="MaxReadings"/>.</summary>
    private static List<List<SpokenWord>> Expand(string text, bool numeric)
    {
        List<List<SpokenWord>> readings = [[]];
        text = DecimalPoint().Replace(text, " point ");
        foreach (var raw in text.Split([' ', '-', '/', '–', '—'], StringSplitOptions.RemoveEmptyEntries))
        {
            var piece = raw.Trim((Punctuation + ".").ToCharArray());
            var percent = piece.EndsWith('%');
            piece = piece.TrimEnd('%').TrimStart('$', '£').Replace(",", "");
            var choices = Piece(piece, numeric);
            if (percent)
            {
                choices = choices.Select(c => c.Append(new SpokenWord("percent", false)).ToList()).ToList();
            }
            if (choices.Count > 0)
            {
                readings = readings.SelectMany(r => choices.Select(c => r.Concat(c).ToList())).Take(MaxReadings).ToList();
            }
        }
        return readings;
    }

    private static List<List<SpokenWord>> Piece(string piece, bool numeric)
    {
        if (piece == "&")
        {
            return [[new SpokenWord("and", false)]];
        }
        if (OrdinalToken().Match(piece) is { Success: true } ordinal && long.TryParse(ordinal.Groups["n"].Value, CultureInfo.InvariantCulture, out var nth))
        {
            return [Numbers(NumberWords.Ordinal(nth)).ToList()];
        }
        List<List<SpokenWord>> readings = [[]];
        foreach (Match run in Runs().Matches(piece))
        {
            var choices = char.IsAsciiDigit(run.Value[0]) ? Digits(run.Value) : [[new SpokenWord(run.Value.ToLowerInvariant().TrimEnd('\''), numeric && run.Value.Equals("and", StringComparison.OrdinalIgnoreCase))]];
            readings = readings.SelectMany(r => choices.Select(c => r.Concat(c).ToList())).Take(MaxReadings).ToList();
        }
        return readings.Where(r => r.Count > 0).ToList();
    }

    /// <summary>A run of digits: as a cardinal, an ordinal (days of the month), or digit by digit (phone numbers, room numbers).</summary>
    private static List<List<SpokenWord>> Digits(string digits)
    {
        var byDigit = digits.Select(d => new SpokenWord(NumberWords.Cardinal(d - '0')[0], false)).ToList();
        if (digits.Length > 15 || (digits.Length > 1 && digits[0] == '0'))
        {
            return [byDigit, byDigit.Select(w => w.Text == "zero" ? w with { Text = "oh" } : w).ToList()];
        }
        var value = long.Parse(digits, CultureInfo.InvariantCulture);
        var readings = new List<List<SpokenWord>> { Numbers(NumberWords.Cardinal(value)).ToList() };
        if (value is >= 1 and <= 31)
        {
            readings.Add(Numbers(NumberWords.Ordinal(value)).ToList());
        }
        if (digits.Length >= 3)
        {
            readings.Add(byDigit);
        }
        return readings;
    }

    private static IEnumerable<SpokenWord> Numbers(List<string> words) => words.Select(w => new SpokenWord(w, w == "and"));
}

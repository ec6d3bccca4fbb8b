using System.Globalization;
using System.Text.RegularExpressions;

namespace Mediagate.Local.Kokoro;

/// <summary>
/// Rewrites one word of the text into what eSpeak should read, after kokoro-onnx's rules: curly quotes made straight, titles
/// expanded, thousands separators removed, money, clock times, years, decimals and digit ranges spelt as spoken.
/// </summary>
/// <remarks>It works word by word, so that every phoneme it leads to can be traced to the word of the text it came from.</remarks>
public static partial class KokoroNormalizer
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Dr."] = "Doctor", ["Mr."] = "Mister", ["Ms."] = "Miss", ["Mrs."] = "Missus",
    };

    [GeneratedRegex(@"^(?<pre>\W*)(?<title>Dr\.|Mr\.|Ms\.|Mrs\.)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Title();

    [GeneratedRegex(@"(?<=\d),(?=\d{3}(?!\d))")]
    private static partial Regex Thousands();

    [GeneratedRegex(@"(?<sign>[$£])(?<whole>\d+)(?:\.(?<part>\d{1,2}))?(?!\d)")]
    private static partial Regex Money();

    [GeneratedRegex(@"(?<!\d)(?<h>\d{1,2}):(?<m>\d{2})(?!\d)")]
    private static partial Regex Clock();

    [GeneratedRegex(@"(?<![\d.])(?<a>\d+)-(?<b>\d+)(?![\d.])")]
    private static partial Regex Range();

    [GeneratedRegex(@"(?<!\d)(?<whole>\d+)\.(?<part>\d+)(?!\d)")]
    private static partial Regex Decimal();

    [GeneratedRegex(@"(?<![\d.])(?<year>1[1-9]\d\d|20[1-9]\d)(?<s>s?)(?![\d.])")]
    private static partial Regex Year();

    /// <summary>Straightens curly quotes in the whole text (it changes no spacing).</summary>
    public static string StraightenQuotes(string text) =>
        text.Replace('‘', '\'').Replace('’', '\'').Replace('“', '"').Replace('”', '"');

    /// <summary>The words eSpeak should read for one word of the text; may be several words, or the word unchanged.</summary>
    public static string Word(string word)
    {
        var text = Title().Replace(word, m => m.Groups["pre"].Value + Titles[m.Groups["title"].Value]);
        text = Thousands().Replace(text, "");
        text = Money().Replace(text, SpellMoney);
        text = Clock().Replace(text, SpellClock);
        text = Range().Replace(text, m => $"{m.Groups["a"].Value} to {m.Groups["b"].Value}");
        text = Decimal().Replace(text, m => $"{m.Groups["whole"].Value} point {string.Join(' ', m.Groups["part"].Value.ToCharArray())}");
        return Year().Replace(text, SpellYear);
    }

    private static string SpellMoney(Match m)
    {
        var pound = m.Groups["sign"].Value == "£";
        var whole = m.Groups["whole"].Value;
        var unit = whole == "1" ? (pound ? "pound" : "dollar") : (pound ? "pounds" : "dollars");
        if (!m.Groups["part"].Success || int.Parse(m.Groups["part"].Value.PadRight(2, '0'), CultureInfo.InvariantCulture) == 0)
        {
            return $"{whole} {unit}";
        }
        var part = int.Parse(m.Groups["part"].Value.PadRight(2, '0'), CultureInfo.InvariantCulture);
        var small = pound ? "pence" : part == 1 ? "cent" : "cents";
        return $"{whole} {unit} and {part} {small}";
    }

    private static string SpellClock(Match m)
    {
        var minutes = m.Groups["m"].Value;
        return minutes switch
        {
            "00" => $"{m.Groups["h"].Value} o'clock",
            ['0', var digit] => $"{m.Groups["h"].Value} oh {digit}",
            _ => $"{m.Groups["h"].Value} {minutes}",
        };
    }

    private static string SpellYear(Match m)
    {
        var year = m.Groups["year"].Value;
        var (high, low) = (year[..2], year[2..]);
        var s = m.Groups["s"].Value;
        return low switch
        {
            "00" => $"{high} hundred{s}",
            ['0', var digit] => $"{high} oh {digit}{s}",
            _ => $"{high} {low}{s}",
        };
    }
}

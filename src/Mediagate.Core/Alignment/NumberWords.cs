namespace Mediagate.Alignment;

/// <summary>English words for whole numbers, cardinal ("forty two") and ordinal ("forty second").</summary>
internal static class NumberWords
{
    private static readonly string[] Small =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly (long Value, string Name)[] Scales = [(1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")];

    private static readonly Dictionary<string, string> OrdinalOf = new(StringComparer.Ordinal)
    {
        ["one"] = "first", ["two"] = "second", ["three"] = "third", ["five"] = "fifth", ["eight"] = "eighth",
        ["nine"] = "ninth", ["twelve"] = "twelfth",
    };

    /// <summary>The cardinal words of <paramref name="value"/> (0 ≤ value &lt; 10^15), "and" after hundreds included.</summary>
    public static List<string> Cardinal(long value)
    {
        var words = new List<string>();
        if (value == 0)
        {
            words.Add("zero");
            return words;
        }
        foreach (var (scale, name) in Scales)
        {
            if (value >= scale)
            {
                words.AddRange(Cardinal(value / scale));
                words.Add(name);
                value %= scale;
            }
        }
        if (value >= 100)
        {
            words.Add(Small[value / 100]);
            words.Add("hundred");
            value %= 100;
            if (value > 0)
            {
                words.Add("and");
            }
        }
        if (value >= 20)
        {
            words.Add(Tens[value / 10]);
            value %= 10;
            if (value > 0)
            {
                words.Add(Small[value]);
            }
        }
        else if (value > 0)
        {
            words.Add(Small[value]);
        }
        return words;
    }

    /// <summary>The ordinal words of <paramref name="value"/>: the cardinal with its last word made ordinal.</summary>
    public static List<string> Ordinal(long value)
    {
        var words = Cardinal(value);
        var last = words[^1];
        words[^1] = OrdinalOf.TryGetValue(last, out var special) ? special
            : last.EndsWith('y') ? last[..^1] + "ieth"
            : last + "th";
        return words;
    }
}

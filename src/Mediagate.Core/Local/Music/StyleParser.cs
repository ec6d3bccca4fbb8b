using System.Text.RegularExpressions;

namespace Mediagate.Local.Music;

/// <summary>
/// Turns a prompt into a <see cref="MusicStyle"/>. The first mood or genre word in the prompt (calm, cinematic, corporate, upbeat,
/// lo-fi, ambient, tense, inspiring, playful) sets the tempo, mode, progression, instruments and drums. With no mood word the peer's
/// industry tempos apply: crypto 100, finance 92, creative 115, otherwise 108 BPM. The seed picks among each style's keys.
/// </summary>
public static partial class StyleParser
{
    /// <summary>The prompt used when none is given (the peer's).</summary>
    public const string DefaultPrompt = "calm cinematic underscore";

    private static readonly string[] NoteNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    private static readonly Dictionary<string, (MusicStyle Style, int[] Keys)> Moods = new()
    {
        ["calm"] = (new("calm", 72, 0, false, [0, 5, 3, 4], 89, 4, 32, 46, "none"), [0, 5, 7, 2]),
        ["cinematic"] = (new("cinematic", 90, 9, true, [0, 5, 2, 6], 48, 0, 32, 46, "soft"), [9, 2, 4, 7]),
        ["corporate"] = (new("corporate", 108, 0, false, [0, 4, 5, 3], 48, 0, 33, 27, "pop"), [0, 7, 2, 5]),
        ["upbeat"] = (new("upbeat", 124, 7, false, [0, 4, 5, 3], 90, 0, 38, 80, "four"), [7, 0, 2, 9]),
        ["lofi"] = (new("lofi", 80, 5, false, [1, 4, 0, 5], 89, 4, 33, 11, "lofi", Sevenths: true), [5, 0, 3, 10]),
        ["ambient"] = (new("ambient", 70, 2, false, [0, 3, 5, 3], 88, 89, 32, 8, "none"), [2, 7, 0, 4]),
        ["tense"] = (new("tense", 96, 4, true, [0, 1, 5, 4], 49, 45, 38, 48, "pulse"), [4, 9, 2, 11]),
        ["inspiring"] = (new("inspiring", 110, 2, false, [5, 3, 0, 4], 48, 0, 32, 46, "pop"), [2, 7, 0, 9]),
        ["playful"] = (new("playful", 118, 0, false, [0, 5, 1, 4], 45, 12, 32, 12, "soft"), [0, 5, 7, 2]),
    };

    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["lo-fi"] = "lofi", ["chill"] = "lofi", ["relaxed"] = "calm", ["gentle"] = "calm", ["peaceful"] = "calm", ["epic"] = "cinematic",
        ["dramatic"] = "cinematic", ["trailer"] = "cinematic", ["business"] = "corporate", ["tech"] = "corporate", ["energetic"] = "upbeat",
        ["happy"] = "upbeat", ["dance"] = "upbeat", ["atmospheric"] = "ambient", ["dark"] = "tense", ["suspense"] = "tense",
        ["uplifting"] = "inspiring", ["hopeful"] = "inspiring", ["fun"] = "playful", ["quirky"] = "playful",
    };

    [GeneratedRegex(@"^(?<root>[A-Ga-g])(?<accidental>[#b]?)\s*(?<mode>m|min|minor|maj|major)?$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    /// <summary>The style for <paramref name="prompt"/>, with the key picked by <paramref name="seed"/> unless <paramref name="key"/> is given.</summary>
    /// <exception cref="ArgumentException">The key is not a key, e.g. "H minor"; the message lists the form.</exception>
    public static MusicStyle Parse(string prompt, int seed, int? bpm = null, string? key = null)
    {
        var words = Regex.Split(prompt.ToLowerInvariant(), "[^a-z-]+").Where(w => w.Length > 0).ToList();
        var mood = words.Select(w => Aliases.TryGetValue(w, out var alias) ? alias : w).FirstOrDefault(Moods.ContainsKey);
        MusicStyle style;
        if (mood is not null)
        {
            var (template, keys) = Moods[mood];
            style = template with { Root = keys[Math.Abs(seed) % keys.Length] };
        }
        else
        {
            var tempo = words.Contains("crypto") ? 100 : words.Contains("finance") ? 92 : words.Contains("creative") ? 115 : 108;
            var (template, keys) = Moods["corporate"];
            style = template with { Mood = "default", Bpm = tempo, Root = keys[Math.Abs(seed) % keys.Length] };
        }
        if (bpm is { } fixedBpm)
        {
            style = style with { Bpm = fixedBpm };
        }
        if (key is not null)
        {
            var (root, minor) = ParseKey(key);
            style = style with { Root = root, Minor = minor ?? style.Minor };
        }
        return style;
    }

    /// <summary>A key such as <c>C</c>, <c>F#m</c>, <c>Bb minor</c> or <c>A major</c>.</summary>
    /// <exception cref="UsageException">It is not a key.</exception>
    public static (int Root, bool? Minor) ParseKey(string key)
    {
        var match = KeyPattern().Match(key.Trim());
        if (!match.Success)
        {
            throw new UsageException($"\"{key}\" is not a key; use a note A–G with an optional # or b, then optional m/minor or major (e.g. C, F#m, Bb minor)", "give a key such as --key C, --key F#m or --key \"Bb minor\"");
        }
        var root = "C D EF G A B".IndexOf(char.ToUpperInvariant(match.Groups["root"].Value[0]), StringComparison.Ordinal);
        root += match.Groups["accidental"].Value switch { "#" => 1, "b" => -1, _ => 0 };
        var mode = match.Groups["mode"].Value;
        bool? minor = mode.Length == 0 ? null : mode.StartsWith('m') && !mode.StartsWith("maj", StringComparison.Ordinal);
        return ((root + 12) % 12, minor);
    }

    /// <summary>A key's name, e.g. <c>F# minor</c>.</summary>
    public static string KeyName(MusicStyle style) => $"{NoteNames[style.Root]} {(style.Minor ? "minor" : "major")}";
}

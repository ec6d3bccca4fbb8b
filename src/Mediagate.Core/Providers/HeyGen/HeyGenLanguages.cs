namespace Mediagate.Providers.HeyGen;

/// <summary>HeyGen names a voice's language in English ("English", "Spanish"); Mediagate works in codes ("en", "es").</summary>
public static class HeyGenLanguages
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["English"] = "en", ["Spanish"] = "es", ["French"] = "fr", ["German"] = "de", ["Italian"] = "it", ["Portuguese"] = "pt",
        ["Dutch"] = "nl", ["Polish"] = "pl", ["Russian"] = "ru", ["Turkish"] = "tr", ["Swedish"] = "sv", ["Danish"] = "da",
        ["Norwegian"] = "no", ["Finnish"] = "fi", ["Greek"] = "el", ["Czech"] = "cs", ["Romanian"] = "ro", ["Hungarian"] = "hu",
        ["Ukrainian"] = "uk", ["Arabic"] = "ar", ["Hebrew"] = "he", ["Hindi"] = "hi", ["Bengali"] = "bn", ["Tamil"] = "ta",
        ["Japanese"] = "ja", ["Korean"] = "ko", ["Chinese"] = "zh", ["Mandarin"] = "zh", ["Cantonese"] = "yue", ["Vietnamese"] = "vi",
        ["Thai"] = "th", ["Indonesian"] = "id", ["Malay"] = "ms", ["Filipino"] = "fil",
    };

    /// <summary>The code for a language HeyGen names ("Spanish" gives "es"); a code or an unknown name comes back as it is.</summary>
    public static string? CodeOf(string? language) =>
        language is not null && Codes.TryGetValue(language.Trim(), out var code) ? code : language;
}

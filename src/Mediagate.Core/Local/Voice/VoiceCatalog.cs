using System.Text.RegularExpressions;

namespace Mediagate.Local.Voice;

/// <summary>
/// Resolves voice and language requests to eSpeak NG voices. It accepts eSpeak names (<c>en-us</c>, <c>en-us+f3</c>),
/// the peer's language codes (<c>zh</c> becomes <c>cmn</c>), and Kokoro voice ids (<c>af_heart</c>, <c>bm_george</c>):
/// their first letter picks the language and their second the gender, and the name picks a stable eSpeak variant.
/// </summary>
public static partial class VoiceCatalog
{
    /// <summary>The language used when none is given.</summary>
    public const string DefaultLanguage = "en-us";

    /// <summary>The peer's language codes and the eSpeak language each maps to.</summary>
    public static readonly IReadOnlyDictionary<string, string> PeerLanguages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["en-us"] = "en-us", ["en-gb"] = "en-gb", ["en"] = "en-us", ["es"] = "es", ["fr-fr"] = "fr-fr", ["fr"] = "fr-fr", ["hi"] = "hi",
        ["it"] = "it", ["pt-br"] = "pt-br", ["pt"] = "pt", ["ja"] = "ja", ["zh"] = "cmn", ["cmn"] = "cmn", ["de"] = "de",
    };

    private static readonly Dictionary<char, string> KokoroLanguage = new()
    {
        ['a'] = "en-us", ['b'] = "en-gb", ['e'] = "es", ['f'] = "fr-fr", ['h'] = "hi", ['i'] = "it", ['j'] = "ja", ['p'] = "pt-br", ['z'] = "cmn",
    };

    private static readonly string[] FemaleVariants = ["f1", "f2", "f3", "f4", "f5"];
    private static readonly string[] MaleVariants = ["m1", "m2", "m3", "m4", "m5", "m6", "m7"];

    /// <summary>Kokoro ids shown as examples in suggestions and listings (the peer's curated twelve).</summary>
    public static readonly IReadOnlyList<string> KokoroExamples =
        ["af_heart", "af_nova", "af_sky", "am_adam", "am_michael", "bf_emma", "bf_isabella", "bm_george", "ef_dora", "ff_siwis", "jf_alpha", "zf_xiaobei"];

    /// <summary>The 54 Kokoro-82M v1.0 voice ids, so that a typo gets a suggestion rather than a silent fallback.</summary>
    public static readonly IReadOnlySet<string> KokoroVoices = new HashSet<string>(StringComparer.Ordinal)
    {
        "af_alloy", "af_aoede", "af_bella", "af_heart", "af_jessica", "af_kore", "af_nicole", "af_nova", "af_river", "af_sarah", "af_sky",
        "am_adam", "am_echo", "am_eric", "am_fenrir", "am_liam", "am_michael", "am_onyx", "am_puck", "am_santa",
        "bf_alice", "bf_emma", "bf_isabella", "bf_lily", "bm_daniel", "bm_fable", "bm_george", "bm_lewis",
        "ef_dora", "em_alex", "em_santa", "ff_siwis", "hf_alpha", "hf_beta", "hm_omega", "hm_psi", "if_sara", "im_nicola",
        "jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro", "jm_kumo", "pf_dora", "pm_alex", "pm_santa",
        "zf_xiaobei", "zf_xiaoni", "zf_xiaoxiao", "zf_xiaoyi", "zm_yunjian", "zm_yunxi", "zm_yunxia", "zm_yunyang",
    };

    [GeneratedRegex("^(?<lang>[abefhijpz])(?<gender>[fm])_(?<name>[a-z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex KokoroId();

    /// <summary>Resolves a voice and language against the installed voices.</summary>
    /// <exception cref="UnknownVoiceException">The voice or language is unknown; the message suggests the nearest ones.</exception>
    public static VoiceChoice Resolve(string? voice, string? language, IReadOnlyList<ESpeakVoice> installed)
    {
        var knownLanguages = installed.SelectMany(v => v.Languages).Concat(installed.Select(v => v.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string? requestedLanguage = null;
        if (language is not null)
        {
            requestedLanguage = PeerLanguages.TryGetValue(language, out var mapped) ? mapped : language.ToLowerInvariant();
            if (!knownLanguages.Contains(requestedLanguage))
            {
                throw new UnknownVoiceException($"unknown language \"{language}\"; {Suggest(language, knownLanguages.Concat(PeerLanguages.Keys))}");
            }
        }
        if (voice is null)
        {
            var lang = requestedLanguage ?? DefaultLanguage;
            return Choose(lang, lang, null, installed);
        }
        if (KokoroId().Match(voice) is { Success: true } kokoro)
        {
            if (!KokoroVoices.Contains(voice))
            {
                throw new UnknownVoiceException($"unknown Kokoro voice \"{voice}\"; {Suggest(voice, KokoroVoices)} (list them with: mediagate tts --list)");
            }
            var lang = requestedLanguage ?? KokoroLanguage[kokoro.Groups["lang"].Value[0]];
            var variants = kokoro.Groups["gender"].Value == "f" ? FemaleVariants : MaleVariants;
            return Choose(voice, lang, variants[Text.StableHash.Of(voice) % variants.Length], installed);
        }
        var plus = voice.IndexOf('+');
        var baseName = plus < 0 ? voice : voice[..plus];
        var variant = plus < 0 ? null : voice[(plus + 1)..].ToLowerInvariant();
        if (variant is not null && !FemaleVariants.Concat(MaleVariants).Contains(variant))
        {
            throw new UnknownVoiceException($"unknown voice variant \"{variant}\"; use one of {string.Join(", ", FemaleVariants.Concat(MaleVariants))}");
        }
        var mappedBase = PeerLanguages.TryGetValue(baseName, out var peer) ? peer : baseName;
        if (installed.Any(v => v.Languages.Contains(mappedBase, StringComparer.OrdinalIgnoreCase)))
        {
            return Choose(voice, requestedLanguage ?? mappedBase.ToLowerInvariant(), variant, installed);
        }
        var named = installed.FirstOrDefault(v => string.Equals(v.Name, baseName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(v.Identifier, baseName, StringComparison.OrdinalIgnoreCase));
        if (named is null)
        {
            var names = installed.Select(v => v.Languages.FirstOrDefault() ?? v.Name).Concat(KokoroExamples);
            throw new UnknownVoiceException($"unknown voice \"{voice}\"; {Suggest(voice, names)} (list them with: mediagate tts --list)");
        }
        var namedLanguage = named.Languages.FirstOrDefault() ?? DefaultLanguage;
        return new VoiceChoice(voice, Variant(named.Identifier, variant), Variant(namedLanguage, variant), namedLanguage);
    }

    /// <summary>The voice for a language: the one whose first language it is, else the one that lists it earliest.</summary>
    private static VoiceChoice Choose(string requested, string language, string? variant, IReadOnlyList<ESpeakVoice> installed)
    {
        var voice = installed
            .Select(v => (Voice: v, Rank: IndexOf(v.Languages, language)))
            .Where(v => v.Rank >= 0)
            .OrderBy(v => v.Rank).ThenBy(v => v.Voice.Identifier.Length).ThenBy(v => v.Voice.Identifier, StringComparer.Ordinal)
            .Select(v => v.Voice)
            .FirstOrDefault() ?? throw new UnknownVoiceException($"no installed voice speaks \"{language}\"");
        return new VoiceChoice(requested, Variant(voice.Identifier, variant), Variant(language, variant), language);
    }

    private static int IndexOf(IReadOnlyList<string> languages, string language)
    {
        for (var i = 0; i < languages.Count; i++)
        {
            if (string.Equals(languages[i], language, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    private static string Variant(string name, string? variant) => variant is null ? name : $"{name}+{variant}";

    /// <summary>"did you mean …" with the three nearest names by edit distance.</summary>
    public static string Suggest(string wanted, IEnumerable<string> candidates) =>
        Text.Nearest.Suggest(wanted, candidates) is var text && text.StartsWith("there is nothing", StringComparison.Ordinal) ? "no voices are installed" : text;
}

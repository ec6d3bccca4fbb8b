using Mediagate.Local.Voice;

namespace Mediagate.Local.Kokoro;

/// <summary>The eSpeak language of a Kokoro voice: its id's first letter (a en-us, b en-gb, e es, f fr-fr, h hi, i it, j ja, p pt-br, z cmn).</summary>
public static class KokoroLanguages
{
    private static readonly Dictionary<char, string> ByPrefix = new()
    {
        ['a'] = "en-us", ['b'] = "en-gb", ['e'] = "es", ['f'] = "fr-fr", ['h'] = "hi", ['i'] = "it", ['j'] = "ja", ['p'] = "pt-br", ['z'] = "cmn",
    };

    /// <summary>The eSpeak language for <paramref name="voice"/>, or for <paramref name="language"/> (a peer code such as <c>zh</c>) when given.</summary>
    public static string For(string voice, string? language)
    {
        if (language is not null)
        {
            return VoiceCatalog.PeerLanguages.TryGetValue(language, out var mapped) ? mapped : language.ToLowerInvariant();
        }
        return voice.Length > 0 && ByPrefix.TryGetValue(voice[0], out var byVoice) ? byVoice : VoiceCatalog.DefaultLanguage;
    }

    /// <summary>The gender a voice id's second letter gives (<c>f</c> or <c>m</c>), or null.</summary>
    public static string? Gender(string voice) => voice.Length > 1 ? voice[1] switch { 'f' => "female", 'm' => "male", _ => null } : null;
}

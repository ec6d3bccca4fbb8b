using Mediagate.Providers.HeyGen;

namespace Mediagate.Server.Tts;

/// <summary>A voice in the useapi.net shape (<c>GET /v1/heygen/tts/voices</c>).</summary>
/// <param name="voice_id">The id tts/create takes.</param>
/// <param name="name">The voice's name.</param>
/// <param name="language">Its language code.</param>
/// <param name="gender">female or male.</param>
/// <param name="voice_engines">The engines it speaks with.</param>
/// <param name="default_voice_engine">The engine used without <c>engine</c>.</param>
/// <param name="settings">Its emotions.</param>
#pragma warning disable IDE1006 // The names are the wire names.
internal sealed record VoiceView(string voice_id, string name, string? language, string? gender, IReadOnlyList<string> voice_engines,
    string default_voice_engine, VoiceSettings settings)
{
    private const string Engine = "starfish";

    public static VoiceView Of(HeyGenVoice voice) => new(voice.VoiceId, voice.Name, voice.Language, voice.Gender, [Engine], Engine, new VoiceSettings([]));
}

/// <summary>A voice's settings.</summary>
/// <param name="clone_emotions">The emotions tts/create's <c>emotion</c> takes for this voice.</param>
internal sealed record VoiceSettings(IReadOnlyList<CloneEmotion> clone_emotions);

/// <summary>An emotion a voice can speak with.</summary>
/// <param name="name">The value of tts/create's <c>emotion</c>.</param>
internal sealed record CloneEmotion(string name);

/// <summary>A language the voices speak (<c>GET /v1/heygen/tts/languages</c>).</summary>
/// <param name="language_code">The code tts/create's <c>language_code</c> takes.</param>
/// <param name="voices">How many voices speak it.</param>
internal sealed record LanguageView(string language_code, int voices);
#pragma warning restore IDE1006

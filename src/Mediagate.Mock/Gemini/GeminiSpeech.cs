using System.Text.Json.Nodes;
using Mediagate.Mock.Media;

namespace Mediagate.Mock.Gemini;

/// <summary>
/// Gemini TTS (<c>gemini-2.5-flash-preview-tts</c> and the other <c>…-tts</c> models): <c>generateContent</c> with
/// <c>generationConfig.responseModalities: ["AUDIO"]</c> and a <c>speechConfig</c> answers one <c>inlineData</c> part of base64
/// 16-bit little-endian PCM, 24 kHz mono, <c>audio/L16;codec=pcm;rate=24000</c>, spoken by eSpeak NG.
/// </summary>
internal static class GeminiSpeech
{
    /// <summary>The MIME type of the audio part, as the real API labels it.</summary>
    public const string MimeType = "audio/L16;codec=pcm;rate=24000";

    /// <summary>The 30 prebuilt voice names the Gemini API documents; each picks a stable eSpeak variant.</summary>
    public static readonly string[] VoiceNames =
    [
        "Zephyr", "Puck", "Charon", "Kore", "Fenrir", "Leda", "Orus", "Aoede", "Callirrhoe", "Autonoe",
        "Enceladus", "Iapetus", "Umbriel", "Algieba", "Despina", "Erinome", "Algenib", "Rasalgethi", "Laomedeia", "Achernar",
        "Alnilam", "Schedar", "Gacrux", "Pulcherrima", "Achird", "Zubenelgenubi", "Vindemiatrix", "Sadachbia", "Sadaltager", "Sulafat",
    ];

    private static readonly string[] Variants = ["f2", "m3", "m1", "f3", "m2", "f4", "m4", "f1"];

    public static bool IsSpeechModel(string model) => model.EndsWith("-tts", StringComparison.OrdinalIgnoreCase) || model.Contains("-tts-", StringComparison.OrdinalIgnoreCase);

    /// <summary>The voice name in <c>speechConfig</c> (the first speaker's for a multi-speaker config), or Kore when none is named.</summary>
    public static string VoiceName(JsonObject? speechConfig)
    {
        var single = Field(Field(speechConfig, "voiceConfig", "voice_config"), "prebuiltVoiceConfig", "prebuilt_voice_config");
        if (Field(single, "voiceName", "voice_name") is JsonValue name)
        {
            return name.ToString();
        }
        var speakers = Field(Field(speechConfig, "multiSpeakerVoiceConfig", "multi_speaker_voice_config"), "speakerVoiceConfigs", "speaker_voice_configs") as JsonArray;
        var first = Field(Field(speakers?.FirstOrDefault() as JsonObject, "voiceConfig", "voice_config"), "prebuiltVoiceConfig", "prebuilt_voice_config");
        return Field(first, "voiceName", "voice_name")?.ToString() ?? "Kore";
    }

    /// <summary>Speaks the prompt; returns the PCM and its length in seconds.</summary>
    public static (byte[] Pcm, double Seconds) Speak(MockState state, string text, string voiceName, string? languageCode)
    {
        var index = Array.FindIndex(VoiceNames, v => v.Equals(voiceName, StringComparison.OrdinalIgnoreCase));
        var english = languageCode is null || languageCode.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var espeak = english ? (languageCode?.StartsWith("en-GB", StringComparison.OrdinalIgnoreCase) == true ? "en-gb" : "en-us") + "+" + Variants[index % Variants.Length] : null;
        var clip = state.Media.Speak(text, espeak, english ? null : languageCode!.Split('-')[0], 1.0);
        return (state.Media.Encoded(clip, AudioFormat.GeminiPcm), clip.DurationSeconds);
    }

    /// <summary>A field under its JSON name or its proto name: the REST API accepts both.</summary>
    public static JsonNode? Field(JsonNode? node, string camel, string snake) =>
        node is JsonObject o ? o[camel] ?? o[snake] : null;
}

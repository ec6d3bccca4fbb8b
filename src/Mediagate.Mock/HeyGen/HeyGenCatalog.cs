namespace Mediagate.Mock.HeyGen;

/// <summary>The mock's Starfish voices, each spoken by an eSpeak NG voice, and its music library.</summary>
internal static class HeyGenCatalog
{
    public static IReadOnlyList<MockVoice> Voices { get; } =
    [
        new("05f19352e8f74b0392a8f411eba40de1", "Marcia", "en", "female", "en-us+f3"),
        new("6be73833ef9a4eb0aeee399b8fe9d62b", "Theo", "en", "male", "en-gb+m3"),
        new("1bd001e7e50f421d891986aad5158bc8", "Olivia", "en", "female", "en-gb+f2"),
        new("2d5b0e6cf36f460aa7fc47e3eee4ba54", "Lucía", "es", "female", "es+f2"),
        new("3f4c6d1e8b9a4c2d9e0f1a2b3c4d5e6f", "Hugo", "fr", "male", "fr-fr+m1"),
        new("4a5b6c7d8e9f40a1b2c3d4e5f6a7b8c9", "Greta", "de", "female", "de+f4"),
        new("5b6c7d8e9f0a41b2c3d4e5f6a7b8c9d0", "Aarav", "hi", "male", "hi+m2"),
        new("6c7d8e9f0a1b42c3d4e5f6a7b8c9d0e1", "Yui", "ja", "female", "ja+f1"),
    ];

    public static IReadOnlyList<MockTrack> Music { get; } =
    [
        new("mus_calm_cinematic", "Quiet Horizon", "calm cinematic underscore with soft piano and strings", 60, "calm cinematic underscore"),
        new("mus_corporate_tech", "Forward Motion", "upbeat corporate tech background with light percussion", 60, "upbeat corporate tech"),
        new("mus_inspiring", "Rising Light", "inspiring uplifting build for product reveals", 45, "inspiring uplifting"),
        new("mus_lofi", "Late Desk", "relaxed lo-fi beat, warm and mellow", 60, "lo-fi chill"),
        new("mus_tense", "Pressure Point", "tense suspense pulse for problem statements", 45, "tense dark suspense"),
        new("mus_playful", "Bounce House", "playful quirky pizzicato for light explainers", 45, "playful quirky"),
        new("mus_ambient", "Open Air", "ambient atmospheric pad, spacious and still", 60, "ambient atmospheric"),
        new("mus_electronic", "Neon Drive", "energetic electronic synth groove with driving drums", 60, "energetic electronic synth"),
    ];

    public static MockVoice? Voice(string id) => Voices.FirstOrDefault(v => v.VoiceId == id);

    /// <summary>The English display name HeyGen gives a voice's language ("English"), which the peer matches on.</summary>
    public static string LanguageName(string code) => code switch
    {
        "en" => "English",
        "es" => "Spanish",
        "fr" => "French",
        "de" => "German",
        "hi" => "Hindi",
        "ja" => "Japanese",
        _ => code,
    };
}

/// <summary>A Starfish voice and the eSpeak voice that speaks it.</summary>
internal sealed record MockVoice(string VoiceId, string Name, string Language, string Gender, string ESpeakVoice);

/// <summary>A music library track, composed from <see cref="Prompt"/> when first downloaded.</summary>
internal sealed record MockTrack(string Id, string Name, string Description, double Seconds, string Prompt);

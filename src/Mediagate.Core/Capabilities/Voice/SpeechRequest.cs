namespace Mediagate.Capabilities.Voice;

/// <summary>What to say and how.</summary>
/// <param name="Text">The text; any length.</param>
/// <param name="Voice">A provider voice id (for the local engine: an eSpeak name or a Kokoro id), or null for the default.</param>
/// <param name="Language">A language code such as <c>en-us</c>, or null.</param>
/// <param name="Speed">The peer's speed multiplier: more than 0, at most 3.</param>
/// <param name="Pitch">Base pitch, 0 to 100 (50 is normal).</param>
/// <param name="SampleRate">Output sample rate in Hz.</param>
public sealed record SpeechRequest(string Text, string? Voice = null, string? Language = null, double Speed = 1.0, int Pitch = 50, int SampleRate = 24000)
{
    /// <summary>How to deliver the text, in words (<c>warm and unhurried</c>), for providers that take a style (Gemini); null for none.</summary>
    public string? Style { get; init; }

    /// <summary>The provider's model, for providers that offer several (Gemini TTS); null for the provider's default.</summary>
    public string? Model { get; init; }

    /// <summary>Why the request is invalid, or null.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            return "the text is empty";
        }
        if (!(Speed > 0 && Speed <= 3.0))
        {
            return $"speed {Speed} is out of range; use more than 0, at most 3.0 (1.0 is normal)";
        }
        if (Pitch is < 0 or > 100)
        {
            return $"pitch {Pitch} is out of range; use 0 to 100 (50 is normal)";
        }
        if (SampleRate is < 8000 or > 192000)
        {
            return $"sample rate {SampleRate} Hz is out of range; use 8000 to 192000";
        }
        return null;
    }
}

namespace Mediagate.Mock.HeyGen;

/// <summary>A voice cloned through <c>POST /v3/voices/clone</c>: complete (spoken by an eSpeak variant picked from its name) or failed.</summary>
internal sealed record VoiceClone(string VoiceId, string Name, DateTimeOffset CreatedAt, string ESpeakVoice, string? FailureMessage)
{
    public string Status => FailureMessage is null ? "complete" : "failed";
}

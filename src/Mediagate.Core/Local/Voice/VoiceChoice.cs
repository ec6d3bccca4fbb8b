namespace Mediagate.Local.Voice;

/// <summary>The eSpeak voice a request resolved to.</summary>
/// <param name="Requested">What the caller asked for (a Kokoro id, an eSpeak name, or nothing).</param>
/// <param name="ESpeakName">The name passed to eSpeak, e.g. <c>en-us+f3</c>.</param>
/// <param name="Language">The language code applied.</param>
public sealed record VoiceChoice(string Requested, string ESpeakName, string Language);

namespace Mediagate.Local.Voice;

/// <summary>The eSpeak voice a request resolved to.</summary>
/// <param name="Requested">What the caller asked for (a Kokoro id, a language, an eSpeak name, or the default language).</param>
/// <param name="ESpeakName">The voice passed to eSpeak: its identifier and variant, e.g. <c>gmw/en-US+f3</c>.</param>
/// <param name="DisplayName">The same voice as people name it, e.g. <c>en-us+f3</c>.</param>
/// <param name="Language">The language code applied.</param>
public sealed record VoiceChoice(string Requested, string ESpeakName, string DisplayName, string Language);

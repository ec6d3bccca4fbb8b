namespace Mediagate.Local.Voice;

/// <summary>An installed eSpeak NG voice.</summary>
public sealed record ESpeakVoice(string Name, string Identifier, IReadOnlyList<string> Languages, string Gender);

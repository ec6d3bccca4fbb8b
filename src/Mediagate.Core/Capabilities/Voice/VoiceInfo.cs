namespace Mediagate.Capabilities.Voice;

/// <summary>One voice a provider offers.</summary>
/// <param name="Id">What <c>--voice</c> takes.</param>
/// <param name="Name">The voice's name.</param>
/// <param name="Language">Its language, when known.</param>
/// <param name="Gender">Its gender, when known.</param>
/// <param name="Note">Anything else worth showing (a category, the engine).</param>
public sealed record VoiceInfo(string Id, string Name, string? Language, string? Gender, string? Note);

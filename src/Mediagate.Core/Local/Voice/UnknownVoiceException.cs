namespace Mediagate.Local.Voice;

/// <summary>The requested voice or language does not exist; the message suggests the nearest ones.</summary>
public sealed class UnknownVoiceException(string message) : Exception(message);

namespace Mediagate.Audio;

/// <summary>The file is not audio Mediagate can read; the message says what was found and what is supported.</summary>
public sealed class WavFormatException(string message) : Exception(message);

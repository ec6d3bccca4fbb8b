namespace Mediagate.Local.Voice;

/// <summary>The local voice engine cannot run: a missing library, missing data, or a voice it does not have. The message says how to fix it.</summary>
public sealed class VoiceEngineException(string message, Exception? inner = null) : Exception(message, inner);

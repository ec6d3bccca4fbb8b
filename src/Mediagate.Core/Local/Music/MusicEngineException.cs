namespace Mediagate.Local.Music;

/// <summary>The local music engine cannot run: FluidSynth or a SoundFont is missing. The message names the Debian package.</summary>
public sealed class MusicEngineException(string message, Exception? inner = null) : Exception(message, inner);

namespace Mediagate.Audio;

/// <summary>How WAV samples are stored.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed integer PCM.</summary>
    Pcm16,

    /// <summary>24-bit signed integer PCM.</summary>
    Pcm24,

    /// <summary>32-bit IEEE float.</summary>
    Float32,
}

namespace Mediagate.Capabilities;

/// <summary>What Mediagate can produce.</summary>
public enum Capability
{
    /// <summary>Narration (text to speech).</summary>
    Voice,

    /// <summary>Background music.</summary>
    Music,

    /// <summary>Sound effects.</summary>
    SoundEffects,

    /// <summary>Describing an image for a storyboard.</summary>
    Describe,
}

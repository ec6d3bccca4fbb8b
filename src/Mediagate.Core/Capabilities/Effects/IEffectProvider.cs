namespace Mediagate.Capabilities.Effects;

/// <summary>A sound-effect provider: the HeyGen library, or the bundled library Mediagate synthesises.</summary>
public interface IEffectProvider : IProvider
{
    /// <summary>Finds the sound for a name.</summary>
    /// <exception cref="NoMatchException">Nothing matches the name.</exception>
    Task<EffectSound> FindAsync(string name, int sampleRate, CancellationToken cancellationToken);
}

/// <summary>A sound effect as a provider hands it back.</summary>
/// <param name="Stereo">Interleaved stereo at the rate asked for.</param>
/// <param name="Matched">The name of the sound that matched.</param>
/// <param name="CachedFile">A 16-bit WAV the provider keeps that holds exactly these samples (a render cache), or null.</param>
public sealed record EffectSound(float[] Stereo, string Matched, string? CachedFile = null);

using Mediagate.Audio;

namespace Mediagate.Local.Sfx;

/// <summary>A rendered sound: interleaved stereo at <see cref="Dsp.Rate"/>, normalised, with its measured loudness.</summary>
public sealed record RenderedSfx(SfxRecipe Recipe, int Seed, float[] Stereo, LoudnessReport Loudness)
{
    /// <summary>Its length in seconds.</summary>
    public double DurationSeconds => Stereo.Length / 2.0 / Dsp.Rate;
}

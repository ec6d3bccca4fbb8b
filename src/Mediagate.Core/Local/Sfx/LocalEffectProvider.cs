using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Effects;

namespace Mediagate.Local.Sfx;

/// <summary>The bundled library as a sound-effect provider: the recipe named, or the best search match, rendered in memory.</summary>
public sealed class LocalEffectProvider : IEffectProvider
{
    /// <summary>The lowest search score that counts as a match: a word of the name, or a tag and a description word.</summary>
    public const int MinimumScore = 3;

    /// <inheritdoc />
    public string Id => "local";

    /// <inheritdoc />
    public string Label => "bundled library";

    /// <inheritdoc />
    public Availability Availability => Availability.Ready(ChainWording.NoKeyNeeded);

    /// <inheritdoc />
    public Task<EffectSound> FindAsync(string name, int sampleRate, CancellationToken cancellationToken)
    {
        var recipe = SfxLibrary.Find(name)
            ?? SfxLibrary.Search(name).FirstOrDefault(m => m.Score >= MinimumScore)?.Recipe
            ?? throw new NoMatchException($"the bundled library has nothing like \"{name}\"");
        var stereo = SfxLibrary.Render(recipe).Stereo;
        if (sampleRate != Dsp.Rate)
        {
            stereo = Resampled(stereo, sampleRate);
        }
        return Task.FromResult(new EffectSound(stereo, recipe.Name));
    }

    private static float[] Resampled(float[] stereo, int sampleRate)
    {
        var frames = stereo.Length / 2;
        var left = new float[frames];
        var right = new float[frames];
        for (var f = 0; f < frames; f++)
        {
            left[f] = stereo[2 * f];
            right[f] = stereo[2 * f + 1];
        }
        left = Resampler.Convert(left, Dsp.Rate, sampleRate);
        right = Resampler.Convert(right, Dsp.Rate, sampleRate);
        var result = new float[Math.Min(left.Length, right.Length) * 2];
        for (var f = 0; f < result.Length / 2; f++)
        {
            result[2 * f] = left[f];
            result[2 * f + 1] = right[f];
        }
        return result;
    }
}

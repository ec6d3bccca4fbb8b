using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Effects;
using Mediagate.Platform;

namespace Mediagate.Local.Sfx;

/// <summary>The bundled library as a sound-effect provider: the recipe named, or the best search match, rendered once into the effects cache.</summary>
public sealed class LocalEffectProvider(EnvironmentVariables environment) : IEffectProvider
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
        // Rendering a recipe costs more than reading it back, so the render is cached (a file per recipe and catalogue version).
        var file = SfxLibrary.Cached(recipe, 1, environment);
        return Task.FromResult(new EffectSound(StereoAudio.Read(file, sampleRate), recipe.Name, sampleRate == Dsp.Rate ? file : null));
    }
}

namespace Mediagate.Local.Sfx;

/// <summary>A sound effect as code: its catalogue entry and the seeded synthesis that makes it (mono, at <see cref="Dsp.Rate"/>).</summary>
/// <param name="Name">The name to ask for, e.g. <c>whoosh</c>.</param>
/// <param name="Tags">Words to find it by.</param>
/// <param name="Description">What it sounds like.</param>
/// <param name="Placement">Where it goes against the picture, e.g. "ends on the cut".</param>
/// <param name="Synthesize">Makes the sound from a seeded random source.</param>
/// <param name="Sweep">How the sound moves across the stereo field: 0 stays centred, 1 travels left to right.</param>
public sealed record SfxRecipe(string Name, string[] Tags, string Description, string Placement, Func<Random, float[]> Synthesize, double Sweep = 0);

using System.Text.RegularExpressions;
using Mediagate.Audio;
using Mediagate.Platform;

namespace Mediagate.Local.Sfx;

/// <summary>
/// The bundled sound-effects library: finds recipes by name or meaning, renders them to 48 kHz stereo, normalises them, and keeps
/// rendered files in a cache. Loudness rule: the loudest 400 ms of each sound is brought to <see cref="TargetLufs"/>, with the gain
/// capped so the true peak stays at or below <see cref="CeilingDbtp"/>; sharp transients (clicks, taps) therefore sit at the ceiling,
/// quieter than the target, rather than being squashed by a limiter.
/// </summary>
public static partial class SfxLibrary
{
    /// <summary>The loudness of each sound's loudest 400 ms, in LUFS.</summary>
    public const double TargetLufs = -20;

    /// <summary>The highest true peak allowed, in dBTP.</summary>
    public const double CeilingDbtp = -1;

    /// <summary>Bumped whenever a recipe changes, so that cached renders of the old recipe are not reused.</summary>
    public const int CatalogVersion = 1;

    /// <summary>Words that mean the same as a name or tag in the catalogue.</summary>
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.Ordinal)
    {
        ["swoosh"] = ["whoosh"], ["woosh"] = ["whoosh"], ["swish"] = ["whoosh", "swipe"], ["ding"] = ["chime", "ping", "bell"],
        ["boom"] = ["impact"], ["bang"] = ["impact", "boom"], ["hit"] = ["impact", "punch"], ["explosion"] = ["boom", "impact"],
        ["beep"] = ["countdown", "alarm", "ping"], ["snap"] = ["camera", "click"], ["shutter"] = ["camera"], ["photo"] = ["camera"],
        ["keyboard"] = ["typing", "key"], ["win"] = ["success"], ["tada"] = ["success"], ["money"] = ["cash"], ["rise"] = ["riser"],
        ["build"] = ["riser"], ["glitter"] = ["sparkle"], ["twinkle"] = ["sparkle"], ["fail"] = ["error", "buzzer"], ["wrong"] = ["error", "buzzer"],
        ["tick"] = ["clock"], ["drip"] = ["water"], ["knock"] = ["door"], ["zap"] = ["laser"], ["blip"] = ["pop", "bubble"],
    };

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonAlphanumeric();

    /// <summary>Every sound.</summary>
    public static IReadOnlyList<SfxRecipe> Recipes => SfxCatalog.All;

    /// <summary>The recipe with this name (case and punctuation do not matter), or null.</summary>
    public static SfxRecipe? Find(string name)
    {
        var wanted = Normalise(name);
        return Recipes.FirstOrDefault(r => Normalise(r.Name) == wanted);
    }

    /// <summary>
    /// Ranks the sounds for <paramref name="query"/>: an exact name scores 100, a synonym that is exactly a name 90, a name containing
    /// the query 50, else 3 per word matching a name word, 2 per tag and 1 per description word (synonyms count too); ties go by name.
    /// </summary>
    public static IReadOnlyList<SfxMatch> Search(string query)
    {
        var q = Normalise(query);
        if (q.Length == 0)
        {
            return [];
        }
        var words = q.Split(' ').SelectMany(w => Synonyms.TryGetValue(w, out var same) ? [w, .. same] : new[] { w }).Distinct().ToList();
        return Recipes
            .Select(recipe => new SfxMatch(recipe, Score(recipe, q, words, Synonyms.TryGetValue(q, out var same) ? same : [])))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score).ThenBy(m => m.Recipe.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Renders a sound: synthesised with <paramref name="seed"/>, placed in stereo, normalised by the library's loudness rule.</summary>
    public static RenderedSfx Render(SfxRecipe recipe, int seed = 1)
    {
        var mono = recipe.Synthesize(new Random(unchecked(seed * 1_000_003) ^ Text.StableHash.Of(recipe.Name)));
        var stereo = new float[mono.Length * 2];
        for (var i = 0; i < mono.Length; i++)
        {
            var position = recipe.Sweep * ((double)i / Math.Max(1, mono.Length - 1) - 0.5) + 0.5;
            stereo[2 * i] = (float)(mono[i] * Math.Cos(position * Math.PI / 2) * Math.Sqrt(2));
            stereo[2 * i + 1] = (float)(mono[i] * Math.Sin(position * Math.PI / 2) * Math.Sqrt(2));
        }
        var before = Measure(stereo);
        var gainDb = double.IsNegativeInfinity(before.MomentaryMaxLufs) ? 0
            : Math.Min(TargetLufs - before.MomentaryMaxLufs, CeilingDbtp - before.TruePeakDbtp);
        // A gain moves every loudness and peak figure by exactly its dB value, so the signal is not measured twice.
        ChannelMix.ApplyGain(stereo, gainDb);
        return new RenderedSfx(recipe, seed, stereo, before.Shifted(gainDb));
    }

    /// <summary>Renders every sound, on all cores; recipes are independent and seeded, so the result does not depend on the order.</summary>
    public static IReadOnlyList<RenderedSfx> RenderAll(int seed = 1) =>
        Recipes.AsParallel().AsOrdered().Select(recipe => Render(recipe, seed)).ToList();

    /// <summary>Writes a rendered sound as 16-bit stereo WAV, atomically.</summary>
    public static void WriteWav(RenderedSfx sound, string path) => WavWriter.WriteFile(path, sound.Stereo, Dsp.Rate, 2);

    /// <summary>The cache directory: <c>$XDG_CACHE_HOME/mediagate/sfx</c>, or <c>~/.cache/mediagate/sfx</c>.</summary>
    public static string CacheDirectoryFor(EnvironmentVariables environment) =>
        Path.Combine(CacheDirectory.Root(environment), "sfx");

    /// <summary>The cached WAV of a sound, rendered on first use.</summary>
    public static string Cached(SfxRecipe recipe, int seed, EnvironmentVariables environment)
    {
        var path = CachePath(recipe, seed, environment);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            WriteWav(Render(recipe, seed), path);
        }
        return path;
    }

    /// <summary>Where <see cref="Cached"/> keeps a sound, whether or not it is there yet.</summary>
    public static string CachePath(SfxRecipe recipe, int seed, EnvironmentVariables environment) =>
        Path.Combine(CacheDirectoryFor(environment), $"{recipe.Name}.s{seed}.v{CatalogVersion}.wav");

    private static int Score(SfxRecipe recipe, string query, List<string> words, string[] synonyms)
    {
        var name = Normalise(recipe.Name);
        if (name == query)
        {
            return 100;
        }
        if (synonyms.Contains(name))
        {
            return 90;
        }
        if (name.Contains(query, StringComparison.Ordinal) || (query.Contains(name, StringComparison.Ordinal) && name.Length >= 3))
        {
            return 50;
        }
        var nameWords = name.Split(' ');
        var tags = recipe.Tags.SelectMany(t => Normalise(t).Split(' ')).ToHashSet();
        var description = Normalise(recipe.Description).Split(' ').ToHashSet();
        return words.Sum(w => (nameWords.Contains(w) ? 3 : 0) + (tags.Contains(w) ? 2 : 0) + (description.Contains(w) ? 1 : 0));
    }

    private static LoudnessReport Measure(float[] stereo) => LoudnessMeter.MeasureClip(stereo, Dsp.Rate, 2);

    private static string Normalise(string text) => NonAlphanumeric().Replace(text.ToLowerInvariant(), " ").Trim();
}

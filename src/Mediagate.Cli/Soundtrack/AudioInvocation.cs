using System.Globalization;
using Mediagate.Soundtrack;

namespace Mediagate.Cli.Soundtrack;

/// <summary>
/// How <c>mediagate audio</c> was called: Mediagate's form (<c>REQUEST -o DIR</c>, everything in one directory), or the peer's
/// <c>audio.mjs</c> form (<c>--request FILE --hyperframes DIR --out META_FILE</c>, the peer's layout under the project), which
/// applies whenever <c>--request</c> or <c>--hyperframes</c> is given, or no request at all.
/// </summary>
/// <param name="Request">The request file.</param>
/// <param name="Layout">Where the files go.</param>
/// <param name="Warnings">The peer's options that Mediagate cannot honour, each with why.</param>
internal sealed record AudioInvocation(string Request, SoundtrackLayout Layout, IReadOnlyList<string> Warnings)
{
    /// <summary>Resolves the command line, adding what is wrong with it to <paramref name="problems"/>.</summary>
    public static AudioInvocation Resolve(AudioOptions options, List<string> problems)
    {
        var warnings = new List<string>();
        if (options.SeedSeconds is { } seed)
        {
            if (!(seed > 0 && seed <= 600))
            {
                problems.Add($"--seed-seconds: {seed.ToString(CultureInfo.InvariantCulture)} is out of range; use more than 0 (the peer's default is 28)");
            }
            warnings.Add("--seed-seconds: not used; it sets the length of the peer's MusicGen seed, and Mediagate has no MusicGen (the local composer makes the music at its full length, and Lyria 3 clips are 30 s)");
        }
        if (options.SfxLib is not null)
        {
            warnings.Add("--sfx-lib: not used; Mediagate's bundled effects are rendered from its own recipes (the peer's 19 names and more, see `mediagate sfx list`), after HeyGen's library");
        }
        if (options.LyriaRecipe is not null)
        {
            warnings.Add("--lyria-recipe: not used; Mediagate calls Lyria 3 through the Gemini API with bgm.prompt, not the peer's Python recipe");
        }

        var peer = options.RequestFile is not null || options.HyperFrames is not null || options.Request is null;
        if (!peer)
        {
            // Mediagate's own form: -o (or its old alias --out) is the output directory.
            return new AudioInvocation(options.Request!, SoundtrackLayout.Mediagate(options.Output ?? options.Out ?? "out"), warnings);
        }
        if (options.Request is not null && options.RequestFile is not null)
        {
            problems.Add($"request: given twice ({options.Request} and --request {options.RequestFile}); give one");
        }
        if (options.Output is not null)
        {
            problems.Add("-o/--output: the HyperFrames form (--request, --hyperframes) writes under --hyperframes, and --out names the meta file; drop -o, or call `mediagate audio REQUEST -o DIR`");
        }
        var project = options.HyperFrames ?? ".";
        var request = options.RequestFile ?? options.Request ?? Path.Combine(project, "audio_request.json");
        return new AudioInvocation(request, SoundtrackLayout.HyperFramesProject(project, options.Out), warnings);
    }
}

/// <summary>The command line of <c>mediagate audio</c>, both forms.</summary>
internal sealed record AudioOptions
{
    public string? Request { get; init; }

    public string? RequestFile { get; init; }

    public string? HyperFrames { get; init; }

    public string? Output { get; init; }

    public string? Out { get; init; }

    public string? Provider { get; init; }

    public string? Voice { get; init; }

    public double? Speed { get; init; }

    public string? Language { get; init; }

    public string? Only { get; init; }

    public bool NoBgm { get; init; }

    public string? BgmMode { get; init; }

    public bool AllowMixedVoices { get; init; }

    public double Loudness { get; init; } = -16;

    public string? TtsModel { get; init; }

    public string? Style { get; init; }

    public double? SeedSeconds { get; init; }

    public string? SfxLib { get; init; }

    public string? LyriaRecipe { get; init; }

    public bool Json { get; init; }
}

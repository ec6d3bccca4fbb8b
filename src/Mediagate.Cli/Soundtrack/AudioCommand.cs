using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Capabilities;
using Mediagate.Cli.Output;
using Mediagate.Cli.Voice;
using Mediagate.Local.Voice;
using Mediagate.Soundtrack;

namespace Mediagate.Cli.Soundtrack;

/// <summary>
/// <c>mediagate audio REQUEST.json -o OUT</c>, or the peer's form <c>mediagate audio --request FILE --hyperframes DIR --out META</c>:
/// the soundtrack job, from narration to a finished, loudness-normalised mix.
/// </summary>
internal static class AudioCommand
{
    public static Command Create(CliHost host)
    {
        var request = new Argument<string?>("request") { Description = "The request: {provider, lang, speed, lines:[{id, text, sfx}], bgm:{mode, query, prompt}} (see examples/). Without it, the HyperFrames form applies.", Arity = ArgumentArity.ZeroOrOne };
        var requestFile = new Option<string?>("--request") { Description = "HyperFrames form: the request file (default <hyperframes>/audio_request.json)." };
        var hyperframes = new Option<string?>("--hyperframes") { Description = "HyperFrames form: the project directory; files go to assets/voice, assets/bgm and assets/sfx under it (default .)." };
        var output = new Option<string?>("--output", "-o") { Description = "Mediagate form: the output directory (default out)." };
        var metaFile = new Option<string?>("--out") { Description = "HyperFrames form: the meta file (default <hyperframes>/audio_meta.json). With REQUEST and no --request/--hyperframes, the output directory, as -o." };
        var provider = new Option<string?>("--provider") { Description = "The voice provider, instead of the request's: auto, heygen, elevenlabs, local or gemini (Gemini TTS, only when named)." };
        provider.AcceptOnlyFromAmong([.. RequestParser.Providers]);
        var voice = new Option<string?>("--voice", "-v") { Description = "The voice for every line without its own, instead of the request's." };
        var speed = new Option<double?>("--speed", "-s") { Description = "The speed multiplier, more than 0 and at most 3, instead of the request's." };
        var lang = new Option<string?>("--lang", "-l") { Description = "The language, instead of the request's." };
        var only = new Option<string?>("--only") { Description = "Make only these parts, comma-separated: tts, bgm, sfx." };
        var noBgm = new Option<bool>("--no-bgm") { Description = "No background music (bgm mode none)." };
        var bgmMode = new Option<string?>("--bgm-mode") { Description = "The music mode, instead of the request's: retrieve, generate or none (\"auto\" means generate, as in HyperFrames)." };
        var mixed = new Option<bool>("--allow-mixed-voices") { Description = "When a voice provider fails mid-run, keep the lines it already spoke instead of speaking them again with the next provider (the request field allow_mixed_voices)." };
        var loudness = new Option<double>("--loudness") { Description = "The mix's integrated loudness in LUFS (-40 to -5).", DefaultValueFactory = _ => -16 };
        var ttsModel = new Option<string?>("--tts-model") { Description = "The Gemini TTS model, instead of the request's tts_model." };
        var style = new Option<string?>("--style") { Description = "How to deliver the lines, in words (Gemini TTS), instead of the request's style." };
        var seed = new Option<double?>("--seed-seconds") { Description = "Accepted for HyperFrames; not used (it sets the peer's MusicGen seed)." };
        var sfxLib = new Option<string?>("--sfx-lib") { Description = "Accepted for HyperFrames; not used (Mediagate's bundled effects are its own recipes)." };
        var lyria = new Option<string?>("--lyria-recipe") { Description = "Accepted for HyperFrames; not used (Lyria 3 is called through the Gemini API)." };
        var json = new Option<bool>("--json") { Description = "Print only JSON on stdout, errors included. Without a terminal, stdout gets the final JSON anyway." };
        var command = new Command("audio", "Make a video's soundtrack from a request: narration with word timings and captions, music ducked under it, sound effects on cue, and a mix at the loudness target.")
        {
            request, requestFile, hyperframes, output, metaFile, provider, voice, speed, lang, only, noBgm, bgmMode, mixed, loudness,
            ttsModel, style, seed, sfxLib, lyria, json,
        };
        command.SetAction((parse, cancel) => RunAsync(host, new AudioOptions
        {
            Request = parse.GetValue(request),
            RequestFile = parse.GetValue(requestFile),
            HyperFrames = parse.GetValue(hyperframes),
            Output = parse.GetValue(output),
            Out = parse.GetValue(metaFile),
            Provider = parse.GetValue(provider),
            Voice = parse.GetValue(voice),
            Speed = parse.GetValue(speed),
            Language = parse.GetValue(lang),
            Only = parse.GetValue(only),
            NoBgm = parse.GetValue(noBgm),
            BgmMode = parse.GetValue(bgmMode),
            AllowMixedVoices = parse.GetValue(mixed),
            Loudness = parse.GetValue(loudness),
            TtsModel = parse.GetValue(ttsModel),
            Style = parse.GetValue(style),
            SeedSeconds = parse.GetValue(seed),
            SfxLib = parse.GetValue(sfxLib),
            LyriaRecipe = parse.GetValue(lyria),
            Json = parse.GetValue(json),
        }, cancel));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, AudioOptions options, CancellationToken cancellationToken)
    {
        var fail = new Failure(host, options.Json);
        var problems = new List<string>();
        var invocation = AudioInvocation.Resolve(options, problems);
        if (problems.Count > 0)
        {
            return Invalid(host, options, "the command line", problems);
        }
        var layout = invocation.Layout;
        string text;
        try
        {
            text = await File.ReadAllTextAsync(invocation.Request, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return fail.With(ExitCodes.Failure, $"cannot read the request {invocation.Request}: {ex.Message}", "check the path; examples/product-launch.json is a complete request");
        }

        var parsed = RequestParser.Parse(text);
        foreach (var warning in parsed.Warnings)
        {
            Report.Warning(host, $"{invocation.Request}: {warning}");
        }
        foreach (var warning in invocation.Warnings)
        {
            Report.Warning(host, warning);
        }
        problems.AddRange(parsed.Problems);
        var parts = Parts(options.Only, problems);
        var settings = new MixSettings { TargetLufs = options.Loudness };
        if (settings.Problem() is { } loudnessProblem)
        {
            problems.Add($"--loudness: {loudnessProblem}");
        }
        if (options.Speed is { } s && RequestParser.SpeedProblem(s) is { } speedProblem)
        {
            problems.Add($"--speed: {s.ToString(CultureInfo.InvariantCulture)} {speedProblem}");
        }
        if (options.TtsModel is { } model && Mediagate.Providers.Gemini.GeminiTts.ModelProblem(model) is { } modelProblem)
        {
            problems.Add($"--tts-model: {modelProblem}");
        }
        var flagWarnings = new List<string>();
        var mode = options.BgmMode is { } m ? RequestParser.BgmModeOf(m, "--bgm-mode", flagWarnings, problems) : (BgmMode?)null;
        var concurrency = Concurrency(host, problems);
        if (problems.Count > 0)
        {
            return Invalid(host, options, invocation.Request, problems);
        }
        var provider = options.Provider;
        var soundtrack = parsed.Request! with
        {
            Provider = provider ?? parsed.Request!.Provider,
            Voice = options.Voice ?? parsed.Request.Voice,
            Speed = options.Speed ?? parsed.Request.Speed,
            Language = options.Language ?? parsed.Request.Language,
            Bgm = options.NoBgm ? parsed.Request.Bgm with { Mode = BgmMode.None } : mode is { } bgm ? parsed.Request.Bgm with { Mode = bgm } : parsed.Request.Bgm,
            AllowMixedVoices = options.AllowMixedVoices || parsed.Request.AllowMixedVoices,
            TtsModel = options.TtsModel ?? parsed.Request.TtsModel,
            Style = options.Style ?? parsed.Request.Style,
        };
        foreach (var warning in flagWarnings.Concat(RequestParser.Caveats(soundtrack)))
        {
            Report.Warning(host, warning);
        }

        var fix = layout.HyperFrames ? "choose another --hyperframes directory or --out file" : "choose another -o directory";
        if (File.Exists(layout.Root))
        {
            return fail.With(ExitCodes.Failure, $"cannot write to {layout.Root}: it is a file", layout.HyperFrames ? "give --hyperframes a directory" : "give -o a directory");
        }
        try
        {
            Directory.CreateDirectory(layout.Root);
            Directory.CreateDirectory(Path.GetDirectoryName(layout.MetaFile)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return fail.With(ExitCodes.Failure, $"cannot create {layout.Root}: {ex.Message}", fix);
        }
        if (OutputFiles.Unwritable(layout.MetaFile) is { } unwritable)
        {
            return fail.With(ExitCodes.Failure, unwritable, fix);
        }

        if (layout.HyperFrames)
        {
            // As the peer's audio.mjs: the project's .env (the project directory and up to four parents) fills in what the
            // environment leaves unset, in place of the one found from the working directory.
            host = host.WithEnvironment(host.Environment.WithDotEnvFrom(layout.Root));
        }
        var chains = ChainContext.For(host).Chains;
        // On a terminal, a live board on stderr; otherwise stdout carries nothing but the final JSON, and errors stay on stderr.
        var board = options.Json || !host.OutputIsTerminal ? null : new ProgressBoard();
        var job = new SoundtrackJob(new SoundtrackJobContext(chains, SoundtrackCache.For(host.Environment), board is null ? null : board.Update));
        var jobOptions = new SoundtrackOptions(layout.Root, parts, concurrency, settings) { Layout = layout };

        SoundtrackResult result;
        try
        {
            result = board is null
                ? await job.RunAsync(soundtrack, jobOptions, cancellationToken)
                : await board.ShowAsync(host, () => job.RunAsync(soundtrack, jobOptions, cancellationToken));
        }
        catch (CredentialRejectedException ex)
        {
            return fail.With(ex);
        }
        catch (ChainFailedException ex)
        {
            return fail.With(ex, "a narration line could not be spoken: ");
        }
        catch (UnknownVoiceException ex)
        {
            return fail.With(ExitCodes.Usage, ex.Message, "list the voices with: mediagate voices --provider local");
        }
        catch (UsageException ex)
        {
            return fail.With(ExitCodes.Usage, ex.Message, ex.Fix ?? "fix the request; see mediagate audio --help");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return fail.With(ExitCodes.Failure, "cancelled; the files already finished were kept, and nothing half-written was left", "run the same command again: finished pieces come from the cache");
        }
        catch (IOException ex)
        {
            return fail.With(ExitCodes.Failure, ex.Message, $"{fix}, or free some disk space");
        }

        foreach (var warning in result.Warnings)
        {
            Report.Warning(host, warning);
        }
        if (!options.Json)
        {
            AudioSummary.PrintNotices(host, result);
        }
        if (options.Json || !host.OutputIsTerminal)
        {
            Report.Json(host, new JsonObject
            {
                ["ok"] = true,
                ["output"] = result.OutputDirectory,
                ["meta"] = layout.MetaFile,
                ["mix"] = result.Mix is null ? null : layout.Full(result.Mix.Path),
                ["audio_meta"] = AudioMeta.Build(result),
            });
            return ExitCodes.Ok;
        }
        AudioSummary.PrintSummary(host, result);
        return ExitCodes.Ok;
    }

    private static IReadOnlySet<string> Parts(string? only, List<string> problems)
    {
        if (only is null)
        {
            return SoundtrackJob.AllParts.ToHashSet();
        }
        var parts = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.ToLowerInvariant()).ToHashSet();
        foreach (var part in parts.Where(p => !SoundtrackJob.AllParts.Contains(p)))
        {
            problems.Add($"--only: unknown part \"{part}\"; use a comma-separated list of tts, bgm and sfx");
        }
        if (parts.Count == 0)
        {
            problems.Add("--only: empty; use a comma-separated list of tts, bgm and sfx");
        }
        return parts;
    }

    private static int Concurrency(CliHost host, List<string> problems)
    {
        if (host.Environment.FirstSet("MEDIAGATE_TTS_CONCURRENCY", "HYPERFRAMES_TTS_CONCURRENCY") is not { } set)
        {
            return Environment.ProcessorCount;
        }
        if (int.TryParse(set.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64)
        {
            return n;
        }
        problems.Add($"{set.Name}: \"{set.Value}\" is not a whole number from 1 to 64");
        return 1;
    }

    private static int Invalid(CliHost host, AudioOptions options, string what, List<string> problems)
    {
        if (options.Json)
        {
            var list = new JsonArray();
            foreach (var problem in problems)
            {
                list.Add((JsonNode?)JsonValue.Create(problem));
            }
            Report.Json(host, new JsonObject { ["ok"] = false, ["error"] = $"the request is not valid ({problems.Count} problems)", ["problems"] = list, ["hint"] = "fix each field named; examples/product-launch.json is a complete request" });
            return ExitCodes.Usage;
        }
        host.Error.WriteLine(problems.Count == 1 ? $"error: {what} has a problem:" : $"error: {what} has {problems.Count} problems:");
        foreach (var problem in problems)
        {
            host.Error.WriteLine($"  {problem}");
        }
        host.Error.WriteLine("  fix: correct each field named; examples/product-launch.json is a complete request");
        host.Error.WriteLine("  (see docs/troubleshooting.md)");
        return ExitCodes.Usage;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Capabilities;
using Mediagate.Cli.Output;
using Mediagate.Cli.Voice;
using Mediagate.Local.Voice;
using Mediagate.Soundtrack;

namespace Mediagate.Cli.Soundtrack;

/// <summary><c>mediagate audio REQUEST.json -o OUT</c>: the soundtrack job, from narration to a finished, loudness-normalised mix.</summary>
internal static class AudioCommand
{
    public static Command Create(CliHost host)
    {
        var request = new Argument<string>("request") { Description = "The request: {provider, lang, speed, lines:[{id, text, sfx}], bgm:{mode, query, prompt}} (see examples/)." };
        var output = new Option<string>("--output", "-o", "--out") { Description = "The output directory.", DefaultValueFactory = _ => "out" };
        var provider = new Option<string?>("--provider") { Description = "The voice provider, instead of the request's: auto, heygen, elevenlabs or local." };
        provider.AcceptOnlyFromAmong([.. RequestParser.Providers]);
        var voice = new Option<string?>("--voice", "-v") { Description = "The voice for every line without its own, instead of the request's." };
        var speed = new Option<double?>("--speed", "-s") { Description = "The speed multiplier, 0.1 to 3.0, instead of the request's." };
        var lang = new Option<string?>("--lang", "-l") { Description = "The language, instead of the request's." };
        var only = new Option<string?>("--only") { Description = "Make only these parts, comma-separated: tts, bgm, sfx." };
        var noBgm = new Option<bool>("--no-bgm") { Description = "No background music (bgm mode none)." };
        var mixed = new Option<bool>("--allow-mixed-voices") { Description = "When a voice provider fails mid-run, keep the lines it already spoke instead of speaking them again with the next provider (the request field allow_mixed_voices)." };
        var loudness = new Option<double>("--loudness") { Description = "The mix's integrated loudness in LUFS (-40 to -5).", DefaultValueFactory = _ => -16 };
        var json = new Option<bool>("--json") { Description = "Print only JSON on stdout, errors included. Without a terminal, stdout gets the final JSON anyway." };
        var command = new Command("audio", "Make a video's soundtrack from a request: narration with word timings and captions, music ducked under it, sound effects on cue, and a mix at the loudness target.")
        {
            request, output, provider, voice, speed, lang, only, noBgm, mixed, loudness, json,
        };
        command.SetAction((parse, cancel) => RunAsync(host, new AudioOptions(parse.GetValue(request)!, parse.GetValue(output)!, parse.GetValue(provider),
            parse.GetValue(voice), parse.GetValue(speed), parse.GetValue(lang), parse.GetValue(only), parse.GetValue(noBgm), parse.GetValue(mixed), parse.GetValue(loudness),
            parse.GetValue(json)), cancel));
        return command;
    }

    private sealed record AudioOptions(string Request, string Output, string? Provider, string? Voice, double? Speed, string? Language, string? Only,
        bool NoBgm, bool AllowMixedVoices, double Loudness, bool Json);

    private static async Task<int> RunAsync(CliHost host, AudioOptions options, CancellationToken cancellationToken)
    {
        var fail = new Failure(host, options.Json);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(options.Request, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return fail.With(ExitCodes.Failure, $"cannot read the request {options.Request}: {ex.Message}", "check the path; examples/product-launch.json is a complete request");
        }

        var parsed = RequestParser.Parse(text);
        foreach (var warning in parsed.Warnings)
        {
            Report.Warning(host, $"{options.Request}: {warning}");
        }
        var problems = parsed.Problems.ToList();
        var parts = Parts(options.Only, problems);
        var settings = new MixSettings { TargetLufs = options.Loudness };
        if (settings.Problem() is { } loudnessProblem)
        {
            problems.Add($"--loudness: {loudnessProblem}");
        }
        if (options.Speed is { } s && !(s >= 0.1 && s <= 3.0))
        {
            problems.Add($"--speed: {s.ToString(CultureInfo.InvariantCulture)} is out of range; use 0.1 to 3.0 (1.0 is normal)");
        }
        var concurrency = Concurrency(host, problems);
        if (problems.Count > 0)
        {
            return Invalid(host, options, problems);
        }
        var soundtrack = parsed.Request! with
        {
            Provider = options.Provider ?? parsed.Request!.Provider,
            Voice = options.Voice ?? parsed.Request.Voice,
            Speed = options.Speed ?? parsed.Request.Speed,
            Language = options.Language ?? parsed.Request.Language,
            Bgm = options.NoBgm ? parsed.Request.Bgm with { Mode = BgmMode.None } : parsed.Request.Bgm,
            AllowMixedVoices = options.AllowMixedVoices || parsed.Request.AllowMixedVoices,
        };

        if (File.Exists(options.Output))
        {
            return fail.With(ExitCodes.Failure, $"cannot write to {options.Output}: it is a file", "give -o a directory");
        }
        try
        {
            Directory.CreateDirectory(options.Output);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return fail.With(ExitCodes.Failure, $"cannot create {options.Output}: {ex.Message}", "choose another -o directory");
        }
        if (OutputFiles.Unwritable(Path.Combine(options.Output, "audio_meta.json")) is { } unwritable)
        {
            return fail.With(ExitCodes.Failure, unwritable, "choose another -o directory");
        }

        var chains = ChainContext.For(host).Chains;
        // On a terminal, a live board on stderr; otherwise stdout carries nothing but the final JSON, and errors stay on stderr.
        var board = options.Json || !host.OutputIsTerminal ? null : new ProgressBoard();
        var job = new SoundtrackJob(new SoundtrackJobContext(chains, SoundtrackCache.For(host.Environment), board is null ? null : board.Update));
        var jobOptions = new SoundtrackOptions(options.Output, parts, concurrency, settings);

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
            return fail.With(ExitCodes.Failure, ex.Message, "choose another -o directory, or free some disk space");
        }

        foreach (var warning in result.Warnings)
        {
            Report.Warning(host, warning);
        }
        if (!options.Json)
        {
            PrintNotices(host, result);
        }
        var metaPath = Path.Combine(result.OutputDirectory, "audio_meta.json");
        if (options.Json || !host.OutputIsTerminal)
        {
            Report.Json(host, new JsonObject
            {
                ["ok"] = true,
                ["output"] = result.OutputDirectory,
                ["meta"] = metaPath,
                ["mix"] = result.Mix is null ? null : Path.Combine(result.OutputDirectory, result.Mix.Path),
                ["audio_meta"] = AudioMeta.Build(result),
            });
            return ExitCodes.Ok;
        }
        PrintSummary(host, result, options.Output);
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

    private static int Invalid(CliHost host, AudioOptions options, List<string> problems)
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
        host.Error.WriteLine(problems.Count == 1 ? $"error: {options.Request} has a problem:" : $"error: {options.Request} has {problems.Count} problems:");
        foreach (var problem in problems)
        {
            host.Error.WriteLine($"  {problem}");
        }
        host.Error.WriteLine("  fix: correct each field named; examples/product-launch.json is a complete request");
        host.Error.WriteLine("  (see docs/troubleshooting.md)");
        return ExitCodes.Usage;
    }

    /// <summary>Fallbacks and anomalies, on stderr: the run succeeded, but not entirely as asked.</summary>
    private static void PrintNotices(CliHost host, SoundtrackResult result)
    {
        foreach (var line in result.Lines)
        {
            foreach (var failed in line.Chain?.Links.Where(k => k.State == LinkState.Failed) ?? [])
            {
                host.Error.WriteLine($"! voice:{line.Id}: {failed.Label} {failed.Reason}; {line.Provider} took over.");
            }
        }
        foreach (var anomaly in result.Anomalies.Where(a => !a.Kind.StartsWith("bgm", StringComparison.Ordinal)))
        {
            host.Error.WriteLine($"! {anomaly.Item}: {anomaly.Message}");
        }
    }

    private static void PrintSummary(CliHost host, SoundtrackResult result, string output)
    {
        var voice = result.Lines.Count == 0 ? "no narration"
            : $"{result.Lines.Count} lines ({string.Join(", ", result.Lines.Select(l => l.Provider).Distinct())}{(result.Lines.All(l => l.Cached) ? ", cached" : string.Empty)})";
        var music = result.Music is { } m ? $"music from {m.Provider}{(m.Cached ? " (cached)" : string.Empty)}" : "no music";
        var sfx = $"{result.Effects.Count} sound effect{(result.Effects.Count == 1 ? string.Empty : "s")}";
        host.Out.WriteLine($"✓ Wrote {output.TrimEnd('/')}/ ({result.TotalSeconds:0.0} s): {voice}, {music}, {sfx}.");
        if (result.Mix is { } mix)
        {
            host.Out.WriteLine($"  {Path.Combine(output, mix.Path)}: {mix.Loudness.IntegratedLufs:0.0} LUFS integrated, true peak {mix.Loudness.TruePeakDbtp:0.0} dBTP (target {result.Settings.TargetLufs:0.#} LUFS, ceiling {result.Settings.CeilingDbtp:0.#} dBTP).");
        }
        if (result.Lines.Count > 0 && result.Parts.Contains("tts"))
        {
            host.Out.WriteLine($"  captions: {Path.Combine(output, "captions.srt")}, {Path.Combine(output, "captions.vtt")}, {Path.Combine(output, "words.json")}");
        }
        host.Out.WriteLine($"  details: {Path.Combine(output, "audio_meta.json")}");
        if (result.Mix is not null)
        {
            host.Out.WriteLine($"  listen: play {Path.Combine(output, "mix.wav")}");
        }
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Http;
using Mediagate.Platform;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;
using Mediagate.Captions;
using Mediagate.Cli.Output;
using Mediagate.Local.Voice;

namespace Mediagate.Cli.Voice;

/// <summary><c>mediagate tts TEXT|FILE -o speech.wav</c>: narration with exact word timings, from the voice chain.</summary>
internal static class TtsCommand
{
    private static readonly string[] Providers = [ChainWording.Auto, "heygen", "elevenlabs", "kokoro", "local", "gemini"];

    public static Command Create(CliHost host)
    {
        var input = new Argument<string?>("text") { Description = "The text to speak, or the path of a text file.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--output", "-o", "--out") { Description = "The WAV file to write.", DefaultValueFactory = _ => "speech.wav" };
        var voice = new Option<string?>("--voice", "-v") { Description = "A voice: an eSpeak language (en-us, en-gb+f3…) or a Kokoro id (af_heart, bm_george…). See --list." };
        var speed = new Option<double>("--speed", "-s") { Description = "Speed multiplier, more than 0 and at most 3.0.", DefaultValueFactory = _ => 1.0 };
        var lang = new Option<string?>("--lang", "-l") { Description = "Language: en-us, en-gb, es, fr-fr, hi, it, pt-br, ja, zh, or any eSpeak language." };
        var pitch = new Option<int>("--pitch") { Description = "Base pitch, 0 to 100.", DefaultValueFactory = _ => 50 };
        var rate = new Option<int>("--sample-rate") { Description = "Output sample rate in Hz.", DefaultValueFactory = _ => 24000 };
        var textFile = new Option<string?>("--text-file") { Description = "Read the text from this file." };
        var provider = new Option<string>("--provider") { Description = "auto (the voice chain), heygen, elevenlabs, kokoro (once `mediagate models pull kokoro` has run), local, or gemini (Gemini TTS, only when named).", DefaultValueFactory = _ => "auto" };
        var style = new Option<string?>("--style") { Description = "How to deliver the text, in words (Gemini TTS only), e.g. \"warm and unhurried\"." };
        var model = new Option<string?>("--tts-model") { Description = $"The Gemini TTS model (default {Mediagate.Providers.Gemini.GeminiTts.DefaultModel})." };
        provider.AcceptOnlyFromAmong(Providers);
        var srt = new Option<string?>("--srt") { Description = "Also write SubRip captions here." };
        var vtt = new Option<string?>("--vtt") { Description = "Also write WebVTT captions here." };
        var list = new Option<bool>("--list") { Description = "List the voices and exit." };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("tts", "Speak text to a WAV file, with every word's timing beside it (.words.json).")
        {
            input, output, voice, speed, lang, pitch, rate, textFile, provider, style, model, srt, vtt, list, json,
        };
        command.SetAction((parse, cancel) => parse.GetValue(list)
            ? VoicesCommand.RunAsync(host, parse.GetValue(provider)!, parse.GetValue(json), cancel)
            : RunAsync(host, new TtsOptions(
                parse.GetValue(input), parse.GetValue(textFile), parse.GetValue(output)!, parse.GetValue(voice), parse.GetValue(speed),
                parse.GetValue(lang), parse.GetValue(pitch), parse.GetValue(rate), parse.GetValue(provider)!, parse.GetValue(srt),
                parse.GetValue(vtt), parse.GetValue(json)) { Style = parse.GetValue(style), Model = parse.GetValue(model) }, cancel));
        return command;
    }

    private sealed record TtsOptions(string? Input, string? TextFile, string Output, string? Voice, double Speed, string? Language,
        int Pitch, int SampleRate, string Provider, string? Srt, string? Vtt, bool Json)
    {
        public string? Style { get; init; }

        public string? Model { get; init; }
    }

    private static async Task<int> RunAsync(CliHost host, TtsOptions options, CancellationToken cancellationToken)
    {
        var fail = new Failure(host, options.Json);
        string text;
        try
        {
            text = options.TextFile is { } file ? await File.ReadAllTextAsync(file, cancellationToken)
                : options.Input is { } arg && File.Exists(arg) ? await File.ReadAllTextAsync(arg, cancellationToken)
                : options.Input ?? string.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return fail.With(ExitCodes.Failure, $"cannot read the text file: {ex.Message}", "check the path and its permissions");
        }
        if (options.Input is null && options.TextFile is null)
        {
            return fail.With(ExitCodes.Usage, "no text given", "pass the text as an argument, a file path, or --text-file FILE");
        }
        var request = new SpeechRequest(text, options.Voice, options.Language, options.Speed, options.Pitch, options.SampleRate)
        {
            Style = options.Style,
            Model = options.Model,
        };
        if (request.Problem() is { } problem)
        {
            return fail.With(ExitCodes.Usage, problem, "see mediagate tts --help");
        }
        if (options.Model is { } named && Mediagate.Providers.Gemini.GeminiTts.ModelProblem(named) is { } modelProblem)
        {
            return fail.With(ExitCodes.Usage, modelProblem, "leave --tts-model out for the default");
        }
        if (options.Provider == "gemini" && options.Speed != 1.0)
        {
            Report.Warning(host, "--speed: Gemini TTS has no speed setting, so the text is spoken at its own pace; ask for the pace with --style (\"slowly\", \"briskly\")");
        }
        if (options.Provider != "gemini" && (options.Style is not null || options.Model is not null))
        {
            Report.Warning(host, "--style and --tts-model apply to Gemini TTS only (--provider gemini); they are ignored here");
        }
        foreach (var path in new[] { options.Output, OutputFiles.WordsPath(options.Output), options.Srt, options.Vtt })
        {
            if (path is not null && OutputFiles.Unwritable(path) is { } unwritable)
            {
                return fail.With(ExitCodes.Failure, unwritable, "choose another -o path, or create the directory first");
            }
        }

        var chain = ChainContext.For(host).Chains.Voice;

        ChainOutcome<SpeechClip> outcome;
        try
        {
            var progress = options.Json || !host.OutputIsTerminal || text.Length < 5000 ? null : new TerminalProgress(host.Error, "Speaking");
            // A voice named for the first provider means nothing to a fallback, which uses its own default.
            outcome = await chain.RunAsync(options.Provider, (provider, attempt, token) =>
                provider.SpeakAsync(attempt == 0 ? request : request with { Voice = null }, token, progress), cancellationToken);
            progress?.Done();
            WavWriter.WriteFile(options.Output, outcome.Value.Samples, outcome.Value.Result.SampleRate, 1);
        }
        catch (CredentialRejectedException ex)
        {
            return fail.With(ex);
        }
        catch (ChainFailedException ex)
        {
            return fail.With(ex);
        }
        catch (UsageException ex)
        {
            return fail.With(ExitCodes.Usage, ex.Message, ex.Fix ?? "give text with words in it");
        }
        catch (UnknownVoiceException ex)
        {
            return fail.With(ExitCodes.Usage, ex.Message, "list the voices with: mediagate voices --provider local");
        }
        catch (IOException ex)
        {
            return fail.With(ExitCodes.Failure, ex.Message, "choose another -o path");
        }
        var result = outcome.Value.Result;

        var wordsPath = OutputFiles.WordsPath(options.Output);
        AtomicFile.WriteAllText(wordsPath, SubtitleFormats.WordsJson(result.Words));
        var cues = options.Srt is null && options.Vtt is null ? [] : CaptionBuilder.Build(result.Words);
        if (options.Srt is { } srtPath)
        {
            AtomicFile.WriteAllText(srtPath, SubtitleFormats.Srt(cues));
        }
        if (options.Vtt is { } vttPath)
        {
            AtomicFile.WriteAllText(vttPath, SubtitleFormats.Vtt(cues));
        }
        if (options.Json)
        {
            Report.Json(host, new JsonObject
            {
                ["ok"] = true,
                ["provider"] = result.Provider,
                ["voice"] = result.Voice,
                ["speed"] = result.Speed,
                ["lang"] = result.Language,
                ["durationSeconds"] = Math.Round(result.DurationSeconds, 3),
                ["sampleRate"] = result.SampleRate,
                ["words"] = result.Words.Count,
                ["outputPath"] = Path.GetFullPath(options.Output),
                ["wordsPath"] = Path.GetFullPath(wordsPath),
                ["srtPath"] = options.Srt is null ? null : Path.GetFullPath(options.Srt),
                ["vttPath"] = options.Vtt is null ? null : Path.GetFullPath(options.Vtt),
                ["chain"] = Json.Capabilities([outcome.Decision])[0]!.DeepClone(),
            });
        }
        else
        {
            foreach (var failed in outcome.Decision.Links.Where(l => l.State == LinkState.Failed))
            {
                host.Error.WriteLine("! " + ChainWording.FellOverWarning(failed, result.Provider));
            }
            host.Out.WriteLine($"✓ Wrote {options.Output} ({result.DurationSeconds:0.00} s, {result.Provider} voice {result.Voice}) and {wordsPath} ({result.Words.Count} words).");
        }
        return ExitCodes.Ok;
    }
}

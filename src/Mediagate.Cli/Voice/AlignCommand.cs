using System.CommandLine;
using System.Text.Json.Nodes;
using Mediagate.Alignment;
using Mediagate.Audio;
using Mediagate.Platform;
using Mediagate.Captions;
using Mediagate.Cli.Output;
using Mediagate.Local.Voice;

namespace Mediagate.Cli.Voice;

/// <summary><c>mediagate align AUDIO (--text FILE | --text-string S) [-o words.json] [--srt F] [--vtt F]</c>: word timings for narration that came without them.</summary>
internal static class AlignCommand
{
    public static Command Create(CliHost host)
    {
        var audio = new Argument<string>("audio") { Description = "A WAV (PCM 16/24/32-bit or 32-bit float) or MP3 file, any rate, mono or stereo." };
        var textFile = new Option<string?>("--text") { Description = "A file holding the text that is spoken." };
        var textString = new Option<string?>("--text-string") { Description = "The text that is spoken." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the words JSON (default: AUDIO with .words.json)." };
        var srt = new Option<string?>("--srt") { Description = "Also write SubRip captions here." };
        var vtt = new Option<string?>("--vtt") { Description = "Also write WebVTT captions here." };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("align", "Time every word of a known text in a recording (pocketsphinx's acoustic model forced onto the words; eSpeak + DTW without it).")
        {
            audio, textFile, textString, output, srt, vtt, json,
        };
        command.SetAction((parse, cancel) => Task.Run(() => Run(host, parse.GetValue(audio)!, parse.GetValue(textFile), parse.GetValue(textString),
            parse.GetValue(output), parse.GetValue(srt), parse.GetValue(vtt), parse.GetValue(json), cancel), cancel));
        return command;
    }

    private static int Run(CliHost host, string audio, string? textFile, string? textString, string? output, string? srt, string? vtt, bool json, CancellationToken cancellationToken)
    {
        var fail = new Failure(host, json);
        if ((textFile is null) == (textString is null))
        {
            return fail.With(ExitCodes.Usage, "give the spoken text with exactly one of --text FILE or --text-string TEXT");
        }
        if (!File.Exists(audio))
        {
            return fail.With(ExitCodes.Failure, $"there is no file {audio}", "check the path");
        }
        string text;
        try
        {
            text = textString ?? File.ReadAllText(textFile!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return fail.With(ExitCodes.Failure, $"cannot read the text file: {ex.Message}", "check the path and its permissions");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return fail.With(ExitCodes.Usage, "the text is empty", "give the words that are spoken in the recording");
        }
        var wordsPath = output ?? OutputFiles.WordsPath(audio);
        foreach (var path in new[] { wordsPath, srt, vtt })
        {
            if (path is not null && OutputFiles.Unwritable(path) is { } unwritable)
            {
                return fail.With(ExitCodes.Failure, unwritable, "choose another output path, or create the directory first");
            }
        }
        AlignmentResult result;
        try
        {
            result = new ForcedAligner(host.Environment.Get(AcousticModel.EnvironmentVariable)).Align(audio, text, cancellationToken);
        }
        catch (WavFormatException ex)
        {
            return fail.With(ExitCodes.Failure, ex.Message, "give a WAV or MP3 file; convert other formats first, e.g. sox input.flac output.wav");
        }
        catch (UsageException ex)
        {
            return fail.With(ExitCodes.Usage, ex.Message, ex.Fix ?? "give the words that are spoken in the recording");
        }
        catch (VoiceEngineException ex)
        {
            return fail.With(ExitCodes.Failure, ex.Message, "run: apt-get install libespeak-ng1 espeak-ng-data libsoxr0");
        }
        if (ForcedAligner.TextMissing(result))
        {
            return fail.With(ExitCodes.Failure,
                $"the recording does not seem to hold this text (alignment confidence {result.OverallConfidence:0.00}, below {ForcedAligner.MismatchBelow:0.0})"
                + (result.Warning is null ? "" : $": {result.Warning}"),
                "check that --text is the script of this recording (the same words, in order, nothing left out)");
        }
        if (result.Warning is not null && !json)
        {
            Report.Warning(host, result.Warning);
        }

        AtomicFile.WriteAllText(wordsPath, SubtitleFormats.WordsJson(result.Words));
        var cues = srt is null && vtt is null ? [] : CaptionBuilder.Build(result.Words);
        if (srt is not null)
        {
            AtomicFile.WriteAllText(srt, SubtitleFormats.Srt(cues));
        }
        if (vtt is not null)
        {
            AtomicFile.WriteAllText(vtt, SubtitleFormats.Vtt(cues));
        }
        if (json)
        {
            Report.Json(host, new JsonObject
            {
                ["ok"] = true,
                ["audioPath"] = Path.GetFullPath(audio),
                ["durationSeconds"] = Math.Round(result.AudioDuration, 3),
                ["words"] = result.Words.Count,
                ["method"] = result.Method == AlignmentMethod.Acoustic ? "acoustic" : "dtw",
                ["confidence"] = result.OverallConfidence,
                ["warning"] = result.Warning,
                ["wordConfidence"] = new JsonArray(result.Words.Select((w, i) => (JsonNode)new JsonObject
                {
                    ["id"] = w.Id,
                    ["confidence"] = i < result.Confidence.Count ? result.Confidence[i] : null,
                }).ToArray()),
                ["wordsPath"] = Path.GetFullPath(wordsPath),
                ["srtPath"] = srt is null ? null : Path.GetFullPath(srt),
                ["vttPath"] = vtt is null ? null : Path.GetFullPath(vtt),
            });
        }
        else
        {
            var how = result.Method == AlignmentMethod.Acoustic ? $"acoustic model, confidence {result.OverallConfidence:0.00}" : "eSpeak + DTW";
            host.Out.WriteLine($"✓ Aligned {result.Words.Count} words in {audio} ({result.AudioDuration:0.00} s, {how}) → {wordsPath}");
        }
        return ExitCodes.Ok;
    }
}

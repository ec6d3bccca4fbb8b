using System.CommandLine;
using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Cli.Output;
using Mediagate.Local.Music;
using Mediagate.Platform;

namespace Mediagate.Cli.Music;

/// <summary><c>mediagate music --prompt TEXT --duration SECONDS -o track.wav [--bpm N] [--key K] [--seed N] [--midi F] [--loop]</c>: the local composer.</summary>
internal static class MusicCommand
{
    public static Command Create(CliHost host)
    {
        var prompt = new Option<string>("--prompt", "-p") { Description = "Mood and genre words (calm, cinematic, corporate, upbeat, lo-fi, ambient, tense, inspiring, playful…).", DefaultValueFactory = _ => StyleParser.DefaultPrompt };
        var duration = new Option<double>("--duration", "-d") { Description = "Length in seconds (2 to 3600).", DefaultValueFactory = _ => 30 };
        var output = new Option<string>("--output", "-o") { Description = "The WAV file to write.", DefaultValueFactory = _ => "track.wav" };
        var bpm = new Option<int?>("--bpm") { Description = "Tempo instead of the style's (40 to 220)." };
        var key = new Option<string?>("--key") { Description = "Key instead of the style's, e.g. C, F#m, Bb minor." };
        var seed = new Option<int?>("--seed") { Description = "Arrangement seed; without it the prompt decides, so the same command gives the same file." };
        var midi = new Option<string?>("--midi") { Description = "Also write the arrangement as a standard MIDI file." };
        var loop = new Option<bool>("--loop") { Description = "Make a seamless loop: whole bars, no intro, ending or fades." };
        var rate = new Option<int>("--sample-rate") { Description = "44100 or 48000.", DefaultValueFactory = _ => 48000 };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("music", "Compose background music locally: an arrangement from the prompt, played by FluidSynth with a General MIDI SoundFont.")
        {
            prompt, duration, output, bpm, key, seed, midi, loop, rate, json,
        };
        command.SetAction((parse, cancel) => Task.Run(() =>
        {
            var fail = new Failure(host, parse.GetValue(json));
            var target = parse.GetValue(output)!;
            foreach (var path in new[] { target, parse.GetValue(midi) })
            {
                if (path is not null && OutputFiles.Unwritable(path) is { } problem)
                {
                    return fail.With(ExitCodes.Failure, problem, "choose another path, or create the directory first");
                }
            }
            var request = new MusicRequest(parse.GetValue(prompt)!, parse.GetValue(duration), parse.GetValue(seed), parse.GetValue(bpm), parse.GetValue(key), parse.GetValue(loop), parse.GetValue(rate));
            MusicResult result;
            try
            {
                result = Composer.Compose(request, host.Engines, cancel);
            }
            catch (UsageException ex)
            {
                return fail.With(ExitCodes.Usage, ex.Message, ex.Fix ?? "see mediagate music --help");
            }
            catch (Exception ex) when (ex is MusicEngineException or DllNotFoundException or InvalidOperationException)
            {
                return fail.With(ExitCodes.Failure, ex is DllNotFoundException ? "FluidSynth (libfluidsynth.so.3) is not installed" : ex.Message,
                    "run: apt-get install libfluidsynth3 timgm6mb-soundfont");
            }
            WavWriter.WriteFile(target, result.Stereo, result.SampleRate, 2);
            if (parse.GetValue(midi) is { } midiPath)
            {
                using var file = AtomicFile.Create(midiPath);
                file.Stream.Write(MidiFile.Write(result.Notes, result.Bpm, Arranger.Programs(result.Style)));
                file.Commit();
            }
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonObject
                {
                    ["ok"] = true,
                    ["provider"] = "local",
                    ["outputPath"] = Path.GetFullPath(target),
                    ["midiPath"] = parse.GetValue(midi) is { } m ? Path.GetFullPath(m) : null,
                    ["durationSeconds"] = Math.Round(result.DurationSeconds, 3),
                    ["style"] = result.Style.Mood,
                    ["key"] = StyleParser.KeyName(result.Style),
                    ["bpm"] = Math.Round(result.Bpm, 2),
                    ["bars"] = result.Bars,
                    ["seed"] = result.Seed,
                    ["loop"] = request.Loop,
                    ["loudnessLufs"] = Math.Round(result.Loudness.IntegratedLufs, 1),
                    ["truePeakDbtp"] = Math.Round(result.Loudness.TruePeakDbtp, 1),
                    ["soundFont"] = result.SoundFont,
                });
            }
            else
            {
                host.Out.WriteLine($"✓ Wrote {target} ({result.DurationSeconds:0.0} s, {result.Style.Mood}, {StyleParser.KeyName(result.Style)}, {result.Bpm:0} BPM, {result.Bars} bars{(request.Loop ? ", seamless loop" : "")}).");
            }
            return ExitCodes.Ok;
        }, cancel));
        return command;
    }
}

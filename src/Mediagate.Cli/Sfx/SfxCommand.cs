using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Cli.Output;
using Mediagate.Local.Sfx;

namespace Mediagate.Cli.Sfx;

/// <summary><c>mediagate sfx list | search QUERY | render NAME -o FILE | render --all -o DIR</c>: the bundled sound effects.</summary>
internal static class SfxCommand
{
    public static Command Create(CliHost host) => new("sfx", "The bundled sound-effects library: synthesised by Mediagate's own recipes, no key needed.")
    {
        List(host),
        Search(host),
        Render(host),
        Catalogue(host),
    };

    private static Command Catalogue(CliHost host)
    {
        var output = new Option<string>("--output", "-o") { Description = "The directory for sfx.md and its pictures (sfx/*.png).", Required = true };
        var command = new Command("catalogue", "Write a Markdown catalogue of every sound with a waveform-and-spectrogram picture of each.") { output };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(output)!;
            if (!Directory.Exists(directory))
            {
                return new Failure(host, json: false).With(ExitCodes.Failure, $"the directory {directory} does not exist", $"create it first: mkdir -p '{directory}'");
            }
            Directory.CreateDirectory(Path.Combine(directory, "sfx"));
            var sounds = SfxLibrary.RenderAll();
            var page = new System.Text.StringBuilder();
            page.Append("# Bundled sound effects\n\n")
                .Append($"Every sound is made by Mediagate's own seeded recipe (`src/Mediagate.Core/Local/Sfx/SfxCatalog.cs`), rendered at 48 kHz stereo with its loudest 400 ms at {SfxLibrary.TargetLufs} LUFS ")
                .Append($"and its true peak at or below {SfxLibrary.CeilingDbtp} dBTP. Each picture shows the waveform above and the spectrogram below (50 Hz to 20 kHz, log scale).\n\n")
                .Append("Regenerate this page with `mediagate sfx catalogue -o docs`. Render a sound with `mediagate sfx render NAME -o NAME.wav`.\n\n")
                .Append("| picture | name | seconds | what it is | where it goes | tags |\n| --- | --- | --- | --- | --- | --- |\n");
            foreach (var sound in sounds)
            {
                var mono = Mediagate.Audio.ChannelMix.ToMono(sound.Stereo, 2);
                var picture = Path.Combine(directory, "sfx", sound.Recipe.Name + ".png");
                using (var file = Mediagate.Platform.AtomicFile.Create(picture))
                {
                    file.Stream.Write(Mediagate.Audio.AudioPicture.Render(mono, Dsp.Rate));
                    file.Commit();
                }
                page.Append(CultureInfo.InvariantCulture, $"| ![{sound.Recipe.Name}](sfx/{sound.Recipe.Name}.png) | `{sound.Recipe.Name}` | {sound.DurationSeconds:0.00} | {sound.Recipe.Description} | {sound.Recipe.Placement} | {string.Join(", ", sound.Recipe.Tags)} |\n");
            }
            Mediagate.Platform.AtomicFile.WriteAllText(Path.Combine(directory, "sfx.md"), page.ToString());
            host.Out.WriteLine($"✓ Wrote {Path.Combine(directory, "sfx.md")} and {sounds.Count} pictures in {Path.Combine(directory, "sfx")}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliHost host)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("list", "List every sound with its duration, tags and placement hint.") { json };
        command.SetAction(parse =>
        {
            var sounds = SfxLibrary.RenderAll();
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonArray(sounds.Select(Manifest).ToArray()));
                return ExitCodes.Ok;
            }
            host.Out.WriteLine($"{sounds.Count} sounds (48 kHz stereo; loudest 400 ms at {SfxLibrary.TargetLufs} LUFS, true peak ≤ {SfxLibrary.CeilingDbtp} dBTP):");
            foreach (var s in sounds)
            {
                host.Out.WriteLine($"  {s.Recipe.Name,-18} {s.DurationSeconds,5:0.00} s  {s.Recipe.Description}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Search(CliHost host)
    {
        var query = new Argument<string>("query") { Description = "Words describing the sound, e.g. \"swoosh\" or \"money bell\"." };
        var limit = new Option<int>("--limit") { Description = "How many results.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("search", "Find sounds by name, tags and description (synonyms understood); prints each score.") { query, limit, json };
        command.SetAction(parse =>
        {
            var matches = SfxLibrary.Search(parse.GetValue(query)!).Take(Math.Max(1, parse.GetValue(limit))).ToList();
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonArray(matches.Select(m => (JsonNode)new JsonObject { ["name"] = m.Recipe.Name, ["score"] = m.Score, ["description"] = m.Recipe.Description }).ToArray()));
                return matches.Count == 0 ? ExitCodes.Failure : ExitCodes.Ok;
            }
            if (matches.Count == 0)
            {
                Report.Error(host, $"no sound matches \"{parse.GetValue(query)}\"", "see them all with: mediagate sfx list");
                return ExitCodes.Failure;
            }
            foreach (var m in matches)
            {
                host.Out.WriteLine($"{m.Score,4}  {m.Recipe.Name,-18} {m.Recipe.Description}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Render(CliHost host)
    {
        var name = new Argument<string?>("name") { Description = "The sound to render.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Render every sound into the directory given by -o." };
        var output = new Option<string>("--output", "-o") { Description = "The WAV file (or, with --all, the directory) to write.", Required = true };
        var seed = new Option<int>("--seed") { Description = "The recipe's random seed; the same seed gives the same file.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("render", "Render a sound (or --all of them) to 48 kHz stereo WAV.") { name, all, output, seed, json };
        command.SetAction(parse =>
        {
            var fail = new Failure(host, parse.GetValue(json));
            var target = parse.GetValue(output)!;
            List<SfxRecipe> recipes;
            if (parse.GetValue(all))
            {
                if (parse.GetValue(name) is not null)
                {
                    return fail.With(ExitCodes.Usage, "give a sound name or --all, not both");
                }
                if (!Directory.Exists(target))
                {
                    return fail.With(ExitCodes.Failure, $"the directory {target} does not exist", $"create it first: mkdir -p '{target}'");
                }
                recipes = [.. SfxLibrary.Recipes];
            }
            else if (parse.GetValue(name) is not { } wanted)
            {
                return fail.With(ExitCodes.Usage, "no sound named", "give a name (see mediagate sfx list) or --all");
            }
            else if (SfxLibrary.Find(wanted) is { } recipe)
            {
                if (OutputFiles.Unwritable(target) is { } problem)
                {
                    return fail.With(ExitCodes.Failure, problem, "choose another -o path, or create the directory first");
                }
                recipes = [recipe];
            }
            else
            {
                var hint = SfxLibrary.Search(wanted).FirstOrDefault() is { } best ? $" (closest by meaning: {best.Recipe.Name})" : "";
                return fail.With(ExitCodes.Usage, $"there is no sound \"{wanted}\"; {Mediagate.Text.Nearest.Suggest(wanted, SfxLibrary.Recipes.Select(r => r.Name))}{hint}", "see them all with: mediagate sfx list");
            }
            var written = new JsonArray();
            var rendered = recipes.Count == 1 ? [SfxLibrary.Render(recipes[0], parse.GetValue(seed))] : SfxLibrary.RenderAll(parse.GetValue(seed));
            foreach (var sound in rendered)
            {
                var recipe = sound.Recipe;
                var path = parse.GetValue(all) ? Path.Combine(target, recipe.Name + ".wav") : target;
                SfxLibrary.WriteWav(sound, path);
                written.Add(Manifest(sound).AsObject().Also(o => o["path"] = Path.GetFullPath(path)));
                if (!parse.GetValue(json))
                {
                    host.Out.WriteLine($"✓ {recipe.Name} → {path} ({sound.DurationSeconds:0.00} s)");
                }
            }
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonObject { ["ok"] = true, ["sounds"] = written });
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static JsonNode Manifest(RenderedSfx sound) => new JsonObject
    {
        ["name"] = sound.Recipe.Name,
        ["tags"] = new JsonArray(sound.Recipe.Tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
        ["description"] = sound.Recipe.Description,
        ["placement"] = sound.Recipe.Placement,
        ["duration"] = Math.Round(sound.DurationSeconds, 3),
        ["loudness_lufs"] = Math.Round(sound.Loudness.MomentaryMaxLufs, 1),
        ["true_peak_dbtp"] = Math.Round(sound.Loudness.TruePeakDbtp, 1),
    };

    private static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}

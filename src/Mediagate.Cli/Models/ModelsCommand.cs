using System.CommandLine;
using System.Text.Json.Nodes;
using Mediagate.Cli.Output;
using Mediagate.Http;
using Mediagate.Models;

namespace Mediagate.Cli.Models;

/// <summary><c>mediagate models list | pull NAME | add NAME FILE… | verify [NAME] | rm NAME</c>: the local model files, pinned by size and SHA-256.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliHost host) => new("models", "Download, import, verify and remove the local model files (Kokoro), each pinned by size and SHA-256.")
    {
        List(host),
        Pull(host),
        Add(host),
        Verify(host),
        Remove(host),
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON for machines (and no progress bar)." };

    private static Argument<string> NameArgument() => new("name") { Description = "The model, e.g. kokoro or kokoro-fp32 (see mediagate models list)." };

    private static Command List(CliHost host)
    {
        var json = JsonOption();
        var command = new Command("list", "Show the known models, what is installed, sizes, licences and whether each file is verified.") { json };
        command.SetAction((parse, _) => Guard(host, parse.GetValue(json), (store, fail) =>
        {
            var states = store.Manifest.Models.Select(m => store.Check(m.Name)).ToList();
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonObject
                {
                    ["directory"] = store.Directory.Path,
                    ["directory_source"] = store.Directory.Source,
                    ["mirror"] = ModelsDirectory.Mirror(host.Environment)?.ToString(),
                    ["models"] = new JsonArray(states.Select(ModelsJson.Model).ToArray()),
                });
                return ExitCodes.Ok;
            }
            host.Out.WriteLine($"Models directory: {store.Directory.Path} ({Source(store.Directory)})");
            if (ModelsDirectory.Mirror(host.Environment) is { } mirror)
            {
                host.Out.WriteLine($"Mirror: {mirror} (MEDIAGATE_MODELS_URL replaces the upstream base)");
            }
            foreach (var state in states)
            {
                var mark = state.IsReady ? "✓" : state.AnyInstalled ? "!" : "X";
                var summary = state.IsReady ? "ready" : state.AnyInstalled ? "not usable" : "not installed";
                var isDefault = state.Model.Name == ModelManifest.DefaultModel ? " (default)" : "";
                host.Out.WriteLine($"{mark} {state.Model.Name}{isDefault}: {summary}, {DownloadBar.Mib(state.Model.Size):0.0} MiB, {state.Model.Licences}. {state.Model.Description}");
                foreach (var file in state.Files)
                {
                    host.Out.WriteLine($"    {FileMark(file.Status)} {file.File.FileName,-24} {file.File.Size,13:N0} bytes  {file.File.Licence}  {ModelsJson.Status(file)}");
                }
                if (!state.IsReady)
                {
                    host.Out.WriteLine($"    {state.Reason}");
                }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Pull(CliHost host)
    {
        var name = NameArgument();
        name.DefaultValueFactory = _ => ModelManifest.DefaultModel;
        var json = JsonOption();
        var command = new Command("pull", "Download a model's files (resumable), check each one's size and SHA-256, and move it into place.") { name, json };
        command.SetAction(async (parse, cancel) => await GuardAsync(host, parse.GetValue(json), async (store, fail) =>
        {
            var model = parse.GetValue(name)!;
            if (store.Manifest.Find(model) is null)
            {
                return fail.With(ExitCodes.Usage, $"there is no model \"{model}\"; {Text.Nearest.Suggest(model, store.Manifest.Models.Select(m => m.Name))}", "see them with: mediagate models list");
            }
            var options = new ModelDownloadOptions
            {
                Mirror = ModelsDirectory.Mirror(host.Environment),
                StallTimeout = RetryPolicy.FromEnvironment(host.Environment).AttemptTimeout,
            };
            var bar = host.OutputIsTerminal && !parse.GetValue(json) ? new DownloadBar(host.Error, host.Time) : null;
            IReadOnlyList<PullResult> results;
            try
            {
                results = await new ModelDownloader(host.Http, store, options).PullAsync(model, bar, cancel);
            }
            finally
            {
                bar?.Done();
            }
            foreach (var ignored in results.Where(r => r.RangeIgnored))
            {
                Report.Warning(host, $"{ignored.Source?.GetLeftPart(UriPartial.Authority)} ignored the Range request, so {ignored.State.File.FileName} was downloaded again from the start");
            }
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonObject { ["ok"] = true, ["model"] = store.Check(model).Model.Name, ["files"] = new JsonArray(results.Select(ModelsJson.Pulled).ToArray()) });
                return ExitCodes.Ok;
            }
            foreach (var result in results)
            {
                var how = result.AlreadyInstalled ? "already installed" : result.ResumedFrom > 0 ? $"downloaded (resumed at {result.ResumedFrom:N0} bytes)" : "downloaded";
                host.Out.WriteLine($"✓ {result.State.File.FileName}: {how}, size and SHA-256 verified → {result.State.Path}");
            }
            host.Out.WriteLine($"✓ {model} is ready.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Add(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "The model (kokoro, kokoro-fp32) or one of its file names." };
        var files = new Argument<string[]>("file") { Description = "The file(s) you downloaded by hand.", Arity = ArgumentArity.OneOrMore };
        var json = JsonOption();
        var command = new Command("add", "Import files fetched by hand (for machines without internet), checked against the same pins, copied atomically.") { name, files, json };
        command.SetAction(async (parse, cancel) => await GuardAsync(host, parse.GetValue(json), async (store, fail) =>
        {
            var added = new List<ModelFileState>();
            foreach (var file in parse.GetValue(files)!)
            {
                added.Add(await store.AddAsync(parse.GetValue(name)!, file, cancel));
            }
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonObject { ["ok"] = true, ["files"] = new JsonArray(added.Select(ModelsJson.File).ToArray()) });
                return ExitCodes.Ok;
            }
            foreach (var state in added)
            {
                host.Out.WriteLine($"✓ {state.File.FileName}: size and SHA-256 verified → {state.Path}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Verify(CliHost host)
    {
        var name = new Argument<string?>("name") { Description = "The model to check; every installed file when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var json = JsonOption();
        var command = new Command("verify", "Re-hash installed files against their pins; exit 1 when any is missing or does not match.") { name, json };
        command.SetAction(async (parse, cancel) => await GuardAsync(host, parse.GetValue(json), async (store, fail) =>
        {
            var wanted = parse.GetValue(name);
            var files = wanted is null
                ? store.Manifest.AllFiles.Where(f => store.State(f).Status != ModelFileStatus.Missing).ToList()
                : store.Require(wanted).Files.ToList();
            var checkedFiles = new List<ModelFileState>();
            foreach (var file in files)
            {
                checkedFiles.Add(await store.VerifyAsync(file, cancel));
            }
            var bad = checkedFiles.Where(f => !f.IsUsable).ToList();
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonObject { ["ok"] = bad.Count == 0, ["files"] = new JsonArray(checkedFiles.Select(ModelsJson.File).ToArray()) });
                return bad.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
            }
            if (checkedFiles.Count == 0)
            {
                host.Out.WriteLine($"No model files are installed in {store.Directory.Path}. Install one with: mediagate models pull {ModelManifest.DefaultModel}");
            }
            foreach (var state in checkedFiles)
            {
                host.Out.WriteLine($"{FileMark(state.Status)} {state.File.FileName}: {ModelsJson.Status(state)}");
            }
            foreach (var state in bad)
            {
                var owner = wanted ?? store.Manifest.Models.First(m => m.Files.Contains(state.File)).Name;
                Report.Error(host, $"{state.Path}: {ModelsJson.Status(state)}; it is not used",
                    $"mediagate models pull {owner} (downloads it again), or mediagate models add {owner} FILE with a good copy");
            }
            return bad.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }

    private static Command Remove(CliHost host)
    {
        var name = NameArgument();
        var json = JsonOption();
        var command = new Command("rm", "Delete a model's files, keeping any file another installed model still uses.") { name, json };
        command.SetAction((parse, _) => Guard(host, parse.GetValue(json), (store, fail) =>
        {
            var (removed, kept) = store.Remove(parse.GetValue(name)!);
            if (parse.GetValue(json))
            {
                Report.Json(host, new JsonObject
                {
                    ["ok"] = true,
                    ["removed"] = new JsonArray(removed.Select(r => (JsonNode)r).ToArray()),
                    ["kept"] = new JsonArray(kept.Select(k => (JsonNode)new JsonObject { ["file"] = k.File, ["used_by"] = k.KeptFor }).ToArray()),
                });
                return ExitCodes.Ok;
            }
            foreach (var path in removed)
            {
                host.Out.WriteLine($"✓ Removed {path}");
            }
            foreach (var (file, user) in kept)
            {
                host.Out.WriteLine($"  Kept {file}: {user} uses it too");
            }
            if (removed.Count == 0 && kept.Count == 0)
            {
                host.Out.WriteLine($"{parse.GetValue(name)} is not installed; nothing to remove.");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string FileMark(ModelFileStatus status) => status switch
    {
        ModelFileStatus.Verified => "✓",
        ModelFileStatus.Partial or ModelFileStatus.Unverified => "!",
        _ => "X",
    };

    private static string Source(ModelsDirectory directory) =>
        directory.Source == "default" ? "the default; set MEDIAGATE_MODELS_DIR to choose another" : $"from {directory.Source}";

    private static Task<int> Guard(CliHost host, bool json, Func<ModelStore, Failure, int> run) =>
        GuardAsync(host, json, (store, fail) => Task.FromResult(run(store, fail)));

    private static async Task<int> GuardAsync(CliHost host, bool json, Func<ModelStore, Failure, Task<int>> run)
    {
        var fail = new Failure(host, json);
        try
        {
            return await run(ModelStore.FromEnvironment(host.Environment, host.Models), fail);
        }
        catch (ModelException ex)
        {
            return fail.With(ExitCodes.Failure, ex.Message, ex.Fix);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return fail.With(ExitCodes.Failure, $"models: {ex.Message}", "check that MEDIAGATE_MODELS_DIR (or the default directory) is writable");
        }
    }
}

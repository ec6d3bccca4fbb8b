using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Describe;
using Mediagate.Cli.Output;
using Mediagate.Platform;

namespace Mediagate.Cli.Describe;

/// <summary><c>mediagate describe IMAGE... [-o asset-descriptions.md] [--json]</c>: one storyboard sentence per image, from OpenRouter or Gemini.</summary>
internal static class DescribeCommand
{
    public static Command Create(CliHost host)
    {
        var images = new Argument<string[]>("images") { Description = "PNG, JPEG, GIF or WebP images (4 MB at most each).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The Markdown file to write.", DefaultValueFactory = _ => "asset-descriptions.md" };
        var provider = new Option<string>("--provider") { Description = "auto (OpenRouter, then Gemini), openrouter or gemini.", DefaultValueFactory = _ => ChainWording.Auto };
        provider.AcceptOnlyFromAmong(ChainWording.Auto, "openrouter", "gemini");
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("describe", "Describe images in one sentence each for a video storyboard, as a Markdown list.") { images, output, provider, json };
        command.SetAction((parse, cancel) => RunAsync(host, parse.GetValue(images)!, parse.GetValue(output)!, parse.GetValue(provider)!, parse.GetValue(json), cancel));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, string[] images, string output, string provider, bool json, CancellationToken cancellationToken)
    {
        var fail = new Failure(host, json);
        if (OutputFiles.Unwritable(output) is { } unwritable)
        {
            return fail.With(ExitCodes.Failure, unwritable, "choose another -o path, or create the directory first");
        }
        var describe = ChainContext.For(host).Chains.Describe;
        var chain = describe.Explain();
        var usable = provider == ChainWording.Auto ? chain.Chosen : chain.Links.FirstOrDefault(l => l.Provider == provider && l.State != LinkState.Skipped)?.Provider;
        if (usable is null)
        {
            return fail.With(ExitCodes.Failure,
                "no key for describing images: " + string.Join("; ", chain.Links.Select(l => $"{l.Label}: {l.Reason}")),
                "set OPENROUTER_API_KEY, or GEMINI_API_KEY (or GOOGLE_API_KEY)");
        }
        var describer = new ImageDescriber(describe, host.Time);
        var progress = json || !host.OutputIsTerminal ? null : new TerminalProgress(host.Error, "Describing");
        IReadOnlyList<ImageDescription> results;
        try
        {
            results = await describer.DescribeAsync(images, provider,
                progress is null ? null : new SyncProgress<int>(done => progress.Report(done / (double)images.Length)), cancellationToken);
        }
        catch (CredentialRejectedException ex)
        {
            progress?.Done();
            return fail.With(ex);
        }
        progress?.Done();

        var markdown = new StringBuilder();
        foreach (var result in results)
        {
            var name = Path.GetFileName(result.Path);
            markdown.Append("- `").Append(name).Append("`: ")
                .AppendLine(result.Sentence ?? $"(not described: {result.Skipped ?? result.Error})");
        }
        AtomicFile.WriteAllText(output, markdown.ToString());
        var failed = results.Count(r => r.Error is not null);
        var described = results.Count(r => r.Sentence is not null);
        if (json)
        {
            Report.Json(host, new JsonObject
            {
                ["ok"] = failed == 0,
                ["outputPath"] = Path.GetFullPath(output),
                ["described"] = described,
                ["skipped"] = results.Count(r => r.Skipped is not null),
                ["failed"] = failed,
                ["images"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
                {
                    ["path"] = r.Path,
                    ["description"] = r.Sentence,
                    ["provider"] = r.Provider,
                    ["skipped"] = r.Skipped,
                    ["error"] = r.Error,
                }).ToArray()),
                ["chain"] = Json.Capabilities([results.FirstOrDefault(r => r.Chain is not null)?.Chain ?? chain])[0]!.DeepClone(),
            });
        }
        else
        {
            foreach (var (fellOver, why) in describe.FellOver.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                host.Error.WriteLine("! " + ChainWording.FellOverForRun("describe", fellOver, why));
            }
            foreach (var result in results.Where(r => r.Sentence is null))
            {
                host.Error.WriteLine($"! {result.Path}: {result.Skipped ?? result.Error}");
            }
            host.Out.WriteLine($"✓ Wrote {output}: {described} described, {results.Count(r => r.Skipped is not null)} skipped, {failed} failed.");
        }
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;
using Mediagate.Cli.Output;
using Mediagate.Http;
using Mediagate.Local.Voice;

namespace Mediagate.Cli.Voice;

/// <summary><c>mediagate voices [--provider P] [--json]</c>: the voices of the provider the voice chain picks, or of the one named.</summary>
internal static class VoicesCommand
{
    public static Command Create(CliHost host)
    {
        var provider = new Option<string>("--provider") { Description = "auto (the voice chain), heygen, elevenlabs, kokoro, local or gemini.", DefaultValueFactory = _ => ChainWording.Auto };
        provider.AcceptOnlyFromAmong(ChainWording.Auto, "heygen", "elevenlabs", "kokoro", "local", "gemini");
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("voices", "List the voices you can pass to tts --voice, from the provider the voice chain picks.") { provider, json };
        command.SetAction((parse, cancel) => RunAsync(host, parse.GetValue(provider)!, parse.GetValue(json), cancel));
        return command;
    }

    /// <summary>Lists the voices; <c>tts --list</c> runs this too.</summary>
    public static async Task<int> RunAsync(CliHost host, string provider, bool json, CancellationToken cancellationToken)
    {
        var chain = ChainContext.For(host).Chains.Voice;
        ChainOutcome<IReadOnlyList<VoiceInfo>> outcome;
        try
        {
            // Kokoro's voices are known without its model (the 54 ids of v1.0), so they can be listed before `models pull`.
            outcome = provider == "kokoro" && chain.Find("kokoro") is { } kokoro
                ? new ChainOutcome<IReadOnlyList<VoiceInfo>>(await kokoro.ListVoicesAsync(cancellationToken), "kokoro", chain.Explain())
                : await chain.RunAsync(provider, (voice, _, token) => voice.ListVoicesAsync(token), cancellationToken);
        }
        catch (CredentialRejectedException ex)
        {
            return new Failure(host, json).With(ex);
        }
        catch (ChainFailedException ex)
        {
            return new Failure(host, json).With(ex);
        }
        var voices = outcome.Value;
        if (json)
        {
            Report.Json(host, new JsonObject
            {
                ["provider"] = outcome.Provider,
                ["voices"] = new JsonArray(voices.Select(v => (JsonNode)new JsonObject
                {
                    ["id"] = v.Id,
                    ["name"] = v.Name,
                    ["language"] = v.Language,
                    ["gender"] = v.Gender,
                    ["note"] = v.Note,
                }).ToArray()),
                ["chain"] = Json.Capabilities([outcome.Decision])[0]!.DeepClone(),
            });
            return ExitCodes.Ok;
        }
        foreach (var failed in outcome.Decision.Links.Where(l => l.State == LinkState.Failed))
        {
            host.Error.WriteLine($"! {failed.Label} {failed.Reason}; {outcome.Provider} took over.");
        }
        var label = outcome.Decision.Links.First(l => l.Provider == outcome.Provider).Label;
        host.Out.WriteLine($"{voices.Count} voices from {label}; pass the id to tts --voice.");
        var width = Math.Clamp(voices.Count == 0 ? 4 : voices.Max(v => v.Id.Length), 4, 34);
        foreach (var voice in voices)
        {
            var detail = string.Join(", ", new[] { voice.Language, voice.Gender, voice.Note }.Where(d => !string.IsNullOrEmpty(d)));
            host.Out.WriteLine($"  {voice.Id.PadRight(width)}  {voice.Name}{(detail.Length > 0 ? $" ({detail})" : string.Empty)}");
        }
        if (outcome.Provider == "local")
        {
            host.Out.WriteLine("Add +f1…+f5 or +m1…+m7 to a local voice for a variant, e.g. en-us+f3. Kokoro ids map to the nearest eSpeak voice.");
        }
        return ExitCodes.Ok;
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Mediagate.Cli.Output;
using Mediagate.Mock;

namespace Mediagate.Cli;

/// <summary><c>mediagate mock [--port N] [--json]</c>: run the mock providers on 127.0.0.1 until Ctrl-C.</summary>
internal static class MockCommand
{
    public static Command Create(CliHost host)
    {
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1; 0 picks a free one.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print {\"url\": …} and nothing else." };
        var publicUrl = new Option<string?>("--public-url") { Description = "The base URL that goes into media URLs and the export lines, e.g. http://mock.test (a host name that reaches this mock; without a port it gets the mock's). HyperFrames' pipeline refuses media from 127.0.0.1." };
        var config = new Option<string?>("--config") { Description = "A JSON file of accepted keys, web logins and OAuth clients, and faults to inject (see docs/mock.md)." };
        var command = new Command("mock", "Run mock HeyGen, ElevenLabs, Gemini and OpenRouter APIs on 127.0.0.1, for tests and offline pipelines.") { port, config, publicUrl, json };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be from 0 to 65535.");
            }
        });
        command.SetAction(async (parse, cancel) =>
        {
            MockOptions options;
            try
            {
                options = parse.GetValue(config) is { } file ? MockConfigFile.Load(file) : new MockOptions();
                if (parse.GetValue(publicUrl) is { } url)
                {
                    MockServer.ResolvePublicUrl(url, 0);
                    options = options with { PublicUrl = url };
                }
            }
            catch (ArgumentException ex)
            {
                Report.Error(host, ex.Message, "give the scheme and host only, e.g. --public-url http://mock.test");
                return ExitCodes.Usage;
            }
            catch (MockConfigException ex)
            {
                Report.Error(host, "the mock configuration is not usable: " + ex.Message, "fix the file; docs/mock.md shows its shape");
                return ExitCodes.Usage;
            }
            MockServer server;
            try
            {
                server = await MockServer.StartAsync(options, port: parse.GetValue(port), cancellationToken: cancel);
            }
            catch (IOException ex)
            {
                Report.Error(host, $"the mock could not listen on port {parse.GetValue(port)}: {ex.Message}", "pick another --port, or --port 0 for a free one");
                return ExitCodes.Failure;
            }
            await using (server)
            {
                var url = server.BaseUrl.ToString().TrimEnd('/');
                var shown = server.PublicUrl.ToString().TrimEnd('/');
                if (parse.GetValue(json))
                {
                    var answer = new JsonObject { ["url"] = url };
                    if (shown != url)
                    {
                        answer["publicUrl"] = shown;
                    }
                    Report.Json(host, answer);
                }
                else
                {
                    host.Out.WriteLine(shown == url ? $"Mediagate mock listening on {url}" : $"Mediagate mock listening on {url}, media URLs under {shown}");
                    host.Out.WriteLine("Point Mediagate at it:");
                    foreach (var (name, value) in server.EnvironmentVariables())
                    {
                        host.Out.WriteLine($"  export {name}={value}");
                    }
                    if (parse.GetValue(config) is null)
                    {
                        host.Out.WriteLine($"  export HEYGEN_API_KEY={MockOptions.DefaultHeyGenKey} ELEVENLABS_API_KEY={MockOptions.DefaultElevenLabsKey}");
                        host.Out.WriteLine($"  export GEMINI_API_KEY={MockOptions.DefaultGeminiKey} OPENROUTER_API_KEY={MockOptions.DefaultOpenRouterKey}");
                    }
                    host.Out.WriteLine("Point HyperFrames' media pipeline (audio.mjs) at it:");
                    var peer = server.PeerEnvironmentVariables().Select(v => $"{v.Key}={v.Value}");
                    host.Out.WriteLine(parse.GetValue(config) is null
                        ? $"  export {string.Join(" ", peer)} HEYGEN_API_KEY={MockOptions.DefaultHeyGenKey}"
                        : $"  export {string.Join(" ", peer)} HEYGEN_API_KEY=<a heygen.apiKeys key from the config>");
                    if (server.PublicUrl.IsLoopback)
                    {
                        host.Out.WriteLine("  (the pipeline refuses media from 127.0.0.1: restart with --public-url http://HOST, a name that reaches this mock)");
                    }
                    if (parse.GetValue(config) is null)
                    {
                        host.Out.WriteLine($"Web login: {MockOptions.DefaultWebEmail} / {MockOptions.DefaultWebPassword}. These are the mock's documented defaults, not secrets.");
                    }
                    host.Out.WriteLine("Press Ctrl-C to stop.");
                }
                await host.Out.FlushAsync(cancel);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancel);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: stop cleanly.
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

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
        var command = new Command("mock", "Run mock HeyGen API and OAuth servers on 127.0.0.1, for tests and offline pipelines.") { port, json };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be from 0 to 65535.");
            }
        });
        command.SetAction(async (parse, cancel) =>
        {
            MockServer server;
            try
            {
                server = await MockServer.StartAsync(port: parse.GetValue(port), cancellationToken: cancel);
            }
            catch (IOException ex)
            {
                Report.Error(host, $"the mock could not listen on port {parse.GetValue(port)}: {ex.Message}", "pick another --port, or --port 0 for a free one");
                return ExitCodes.Failure;
            }
            await using (server)
            {
                var url = server.BaseUrl.ToString().TrimEnd('/');
                if (parse.GetValue(json))
                {
                    Report.Json(host, new JsonObject { ["url"] = url });
                }
                else
                {
                    host.Out.WriteLine($"Mediagate mock listening on {url}");
                    host.Out.WriteLine("Point Mediagate at it:");
                    foreach (var (name, value) in server.EnvironmentVariables())
                    {
                        host.Out.WriteLine($"  export {name}={value}");
                    }
                    host.Out.WriteLine($"HeyGen API key: {MockOptions.DefaultHeyGenKey}. Press Ctrl-C to stop.");
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

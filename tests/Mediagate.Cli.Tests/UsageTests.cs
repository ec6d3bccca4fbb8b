using System.Diagnostics;
using System.Text.Json.Nodes;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli;

public sealed class UsageTests
{
    [Theory]
    [InlineData(new[] { "auth" }, "error: Required command was not provided.\nRun 'mediagate auth --help' for usage.\n")]
    [InlineData(new[] { "auth", "status", "--bogus" }, "error: Unrecognized command or argument '--bogus'.\nRun 'mediagate auth status --help' for usage.\n")]
    [InlineData(new[] { "frobnicate" }, "error: Unrecognized command or argument 'frobnicate'.\nRun 'mediagate --help' for usage.\n")]
    [InlineData(new[] { "mock", "--port", "70000" }, "error: --port must be from 0 to 65535.\nRun 'mediagate mock --help' for usage.\n")]
    public async Task UsageErrorsExitTwoAndSayWhereHelpIs(string[] args, string error)
    {
        using var home = new TempHome();

        var run = await CliRunner.RunAsync(home.Environment, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(error, run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task HelpExitsZero()
    {
        using var home = new TempHome();

        var run = await CliRunner.RunAsync(home.Environment, "auth", "login", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--api-key", run.Out);
        Assert.Contains("--device", run.Out);
    }

    [Fact]
    public async Task TheRealProcessPrintsStatusJsonAndExitsOneWhenSignedOut()
    {
        using var home = new TempHome();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mediagate.dll"));
        info.ArgumentList.Add("auth");
        info.ArgumentList.Add("status");
        info.ArgumentList.Add("--json");
        info.Environment["HOME"] = home.Root;
        foreach (var name in new[] { "HEYGEN_API_KEY", "HYPERFRAMES_API_KEY", "HEYGEN_CONFIG_DIR" })
        {
            info.Environment.Remove(name);
        }
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.False((bool)JsonNode.Parse(output)!["configured"]!);
    }

    [Fact]
    public async Task TheMockCommandExitsOneWhenItsPortIsTaken()
    {
        using var home = new TempHome();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var run = await CliRunner.RunAsync(home.Environment, "mock", "--port", port.ToString());

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: the mock could not listen on port {port}", run.Error);
        Assert.Contains("--port 0", run.Error);
    }

    [Fact]
    public async Task TheMockCommandRefusesABadConfigFileWithExitTwo()
    {
        using var home = new TempHome();
        var config = Path.Combine(home.Root, "mock.json");
        File.WriteAllText(config, """{"elevenlabs": {"apiKeys": "one-key"}}""");

        var run = await CliRunner.RunAsync(home.Environment, "mock", "--config", config);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: the mock configuration is not usable: elevenlabs.apiKeys: expected an array of strings", run.Error);
    }

    [Fact]
    public async Task TheMockCommandPrintsItsUrlAsJsonAndServesHeyGen()
    {
        using var home = new TempHome();
        using var cancel = new CancellationTokenSource();
        var output = new FlushSignalWriter();
        var error = new FlushSignalWriter();
        var host = new Mediagate.Cli.CliHost(output, error, new StringReader(""), home.Environment);

        // The command writes on its own thread while this one reads, so read only what it has flushed: a script reading
        // the pipe gets the URL at the flush too, while the mock goes on serving.
        var running = Mediagate.Cli.MediagateCli.RunAsync(["mock", "--json"], host, cancel.Token);
        var first = await Task.WhenAny(output.Flushed, running, Task.Delay(TimeSpan.FromSeconds(30), cancel.Token));
        Assert.True(first == output.Flushed, first == running
            ? $"the mock command ended before printing its URL: {error}"
            : $"the mock command did not flush its URL within 30 s; it had written: {output}");
        var printed = await output.Flushed;
        var url = (string?)JsonNode.Parse(printed)!["url"];
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url + "/v3/users/me");
        request.Headers.Add("X-Api-Key", "mock-heygen-key");
        using var response = await http.SendAsync(request);
        await cancel.CancelAsync();

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", url);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(0, await running);
        Assert.Equal(printed, output.ToString());
        Assert.Equal($$"""
            {
              "url": "{{url}}"
            }

            """, printed);
    }

    /// <summary>A writer another thread can read: every write and read takes one lock, and <see cref="Flushed"/> is the text at the first flush.</summary>
    private sealed class FlushSignalWriter : TextWriter
    {
        private readonly object _gate = new();
        private readonly System.Text.StringBuilder _text = new();
        private readonly TaskCompletionSource<string> _flushed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FlushSignalWriter() => NewLine = "\n";

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public Task<string> Flushed => _flushed.Task;

        public override void Write(char value)
        {
            lock (_gate)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                _text.Append(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate)
            {
                _text.Append(buffer, index, count);
            }
        }

        public override void Flush() => _flushed.TrySetResult(ToString());

        public override Task FlushAsync()
        {
            Flush();
            return Task.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flush();
            return Task.CompletedTask;
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }
}

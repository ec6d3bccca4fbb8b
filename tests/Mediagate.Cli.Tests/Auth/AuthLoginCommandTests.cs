using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Auth;

public sealed class AuthLoginCommandTests
{
    [Fact]
    public async Task AnInlineKeyThatHeyGenAcceptsIsSavedAndTheUserNamed()
    {
        await using var mock = await MockFixture.StartAsync();

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http }, "auth", "login", "--api-key=mock-heygen-key");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("✓ API key saved. Authenticated as demo@example.com.\n", run.Out);
        Assert.Contains("\"api_key\": \"mock-heygen-key\"", mock.Home.ReadCredentials());
    }

    [Fact]
    public async Task AKeyPipedOnStdinIsRead()
    {
        await using var mock = await MockFixture.StartAsync();

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Stdin = "mock-heygen-key\n" }, "auth", "login", "--api-key");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("mock-heygen-key", mock.State.Requests.Single().Headers["X-Api-Key"]);
    }

    [Fact]
    public async Task OnATerminalTheKeyComesFromAHiddenPrompt()
    {
        await using var mock = await MockFixture.StartAsync();
        string? asked = null;

        var run = await CliRunner.RunAsync(mock.Home.Environment,
            new CliOptions { Http = mock.Http, InputIsTerminal = true, ReadSecret = label => { asked = label; return "mock-heygen-key"; } },
            "auth", "login", "--api-key");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Enter HeyGen API key", asked);
    }

    [Fact]
    public async Task ARejectedKeyExitsOneAndRollsBack()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.WriteCredentials("""{"api_key":"sk_V2_previous"}""");

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http }, "auth", "login", "--api-key", "sk_V2_wrong_key");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("HeyGen rejected the API key.\nRolled back to the previous credential.\n", run.Error);
        Assert.Equal("""{"api_key":"sk_V2_previous"}""", mock.Home.ReadCredentials());
    }

    [Theory]
    [InlineData("", "error: No API key provided.")]
    [InlineData("abc\n", "error: API key looks too short (got 3 chars).")]
    public async Task AnEmptyOrShortKeyIsAUsageError(string stdin, string message)
    {
        using var home = new TempHome();

        var run = await CliRunner.RunAsync(home.Environment, new CliOptions { Stdin = stdin }, "auth", "login", "--api-key");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(message, run.Error);
        Assert.False(File.Exists(home.CredentialsPath));
    }

    [Fact]
    public async Task StdinThatNeverEndsTimesOut()
    {
        using var home = new TempHome();
        var never = new BlockingReader();

        var run = await CliRunner.RunAsync(home.Environment, new CliOptions { Input = never, Time = new InstantTimeProvider() }, "auth", "login", "--api-key");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: Timed out waiting for stdin (30 s).", run.Error);
    }

    [Fact]
    public async Task DeviceAndApiKeyTogetherIsAUsageError()
    {
        using var home = new TempHome();

        var run = await CliRunner.RunAsync(home.Environment, "auth", "login", "--device", "--api-key=sk_V2_whatever");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: Choose either --device or --api-key, not both.", run.Error);
    }

    [Theory]
    [InlineData("SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 5555")]
    [InlineData("CI", "true")]
    [InlineData("CODESPACES", "true")]
    public async Task BrowserLoginRefusesRemoteAndHeadlessTerminalsWithAHint(string variable, string value)
    {
        using var home = new TempHome();
        home.Variables["DISPLAY"] = ":0";
        home.Variables[variable] = value;

        var run = await CliRunner.RunAsync(home.Environment, new CliOptions { OutputIsTerminal = true }, "auth", "login");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: Browser callback login is unavailable in this remote/headless terminal.", run.Error);
        Assert.Contains("mediagate auth login --device", run.Error);
    }

    [Fact]
    public async Task BrowserLoginWithoutADisplayIsRefused()
    {
        using var home = new TempHome();

        var run = await CliRunner.RunAsync(home.Environment, new CliOptions { OutputIsTerminal = true }, "auth", "login");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--device", run.Error);
    }

    [Fact]
    public async Task BrowserLoginOpensTheBrowserAndSignsIn()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["DISPLAY"] = ":0";
        var follow = Browser.Follow(mock.Http);

        var run = await CliRunner.RunAsync(mock.Home.Environment,
            new CliOptions { Http = mock.Http, OutputIsTerminal = true, OpenBrowser = url => { follow(url, url); return true; } },
            "auth", "login");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("✓ Signed in as oauth@example.com.\n", run.Out);
        Assert.StartsWith($"Opening browser to {mock.Server.BaseUrl}oauth/authorize ...\nWaiting for callback on http://127.0.0.1:", run.Error);
        Assert.DoesNotContain("state=", run.Error);
    }

    [Fact]
    public async Task WhenNoBrowserOpensTheUrlIsPrintedForThePersonToOpen()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["BROWSER"] = "none";
        var follow = Browser.Follow(mock.Http);
        void Tap(string line)
        {
            if (line.StartsWith("http://", StringComparison.Ordinal) && line.Contains("state="))
            {
                follow(new Uri(line), new Uri(line));
            }
        }

        var run = await CliRunner.RunAsync(mock.Home.Environment,
            new CliOptions { Http = mock.Http, OutputIsTerminal = true, ErrorTap = Tap, OpenBrowser = _ => throw new InvalidOperationException("must not open") },
            "auth", "login");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Open this URL manually to continue:\n" + mock.Server.BaseUrl + "oauth/authorize?response_type=code", run.Error);
    }

    [Fact]
    public async Task WithoutAClientIdBrowserLoginExplainsTheChoices()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables.Remove("MEDIAGATE_OAUTH_CLIENT_ID");
        mock.Home.Variables["DISPLAY"] = ":0";

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, OutputIsTerminal = true }, "auth", "login");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("set MEDIAGATE_OAUTH_CLIENT_ID (or HYPERFRAMES_OAUTH_CLIENT_ID)", run.Error);
        Assert.Contains("mediagate auth login --api-key", run.Error);
    }

    [Fact]
    public async Task DeviceLoginNeedsAnAttendedTerminal()
    {
        using var home = new TempHome();

        var run = await CliRunner.RunAsync(home.Environment, new CliOptions { OutputIsTerminal = true }, "auth", "login", "--device");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: --device requires an attended terminal and is disabled in CI.", run.Error);
    }

    [Fact]
    public async Task DeviceLoginShowsTheCodeWaitsAndSignsIn()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.ScriptDevicePolls("authorization_pending", "approve");

        var run = await CliRunner.RunAsync(mock.Home.Environment,
            new CliOptions { Http = mock.Http, InputIsTerminal = true, OutputIsTerminal = true, Time = new InstantTimeProvider(DateTimeOffset.UtcNow) },
            "auth", "login", "--device");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^Open http://127\.0\.0\.1:\d+/oauth/device\?user_code=[A-Z]{4}-[A-Z]{4} in a browser\.\nCheck that it shows the code [A-Z]{4}-[A-Z]{4}\.\nWaiting for approval…\n✓ Signed in as oauth@example\.com\.\n$", run.Out);
    }

    private sealed class BlockingReader : TextReader
    {
        public override Task<string> ReadToEndAsync(CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => "", TaskScheduler.Default);
    }
}

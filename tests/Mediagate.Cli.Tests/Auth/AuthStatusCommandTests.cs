using System.Text.Json.Nodes;
using Mediagate.Mock.Faults;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Auth;

public sealed class AuthStatusCommandTests
{
    [Fact]
    public async Task SignedOutItExitsOneAndShowsEverySourceAndTheCapabilityTable()
    {
        using var home = new TempHome();

        var run = await CliRunner.RunAsync(home.Environment, "auth", "status");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("""
            Not signed in to HeyGen (non-interactive).
            Set HEYGEN_API_KEY to use HeyGen, or workflows fall back to local engines.

            HeyGen base URL: https://api.heygen.com (the default)
            HeyGen credential sources (first match wins):
              · HEYGEN_API_BASE: not set
              · .env: not searched (no project directory)
              · HEYGEN_ACCESS_TOKEN: not set
              · HEYGEN_API_KEY: not set
              · HYPERFRAMES_API_KEY: not set
              · ~/.heygen/credentials: no file

            Capabilities (provider chosen → why the others were not):
              voice    ✗ none available
                         · HeyGen: no key: set HEYGEN_API_KEY or run `mediagate auth login`
                         · ElevenLabs: no key: set ELEVENLABS_API_KEY
                         · local (Kokoro-82M): model not installed: run `mediagate models pull kokoro`
                         · local (eSpeak NG): not installed: apt-get install libespeak-ng1 espeak-ng-data
              music    ✗ none available
                         · HeyGen library: no key: set HEYGEN_API_KEY or run `mediagate auth login`
                         · Google Lyria: no key: set GEMINI_API_KEY or GOOGLE_API_KEY
                         · local composer (FluidSynth): not installed: apt-get install libfluidsynth3 timgm6mb-soundfont
              sfx      ✓ bundled library (no key needed)
                         · HeyGen library: no key: set HEYGEN_API_KEY or run `mediagate auth login`
              describe ✗ none available
                         · OpenRouter: no key: set OPENROUTER_API_KEY
                         · Gemini: no key: set GEMINI_API_KEY or GOOGLE_API_KEY

            """, run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task ARejectedKeyIsShownAsStoppingEveryRunThatNeedsItNotAsAFallback()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = "hg_revoked_key_123";

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Engines = Mediagate.Capabilities.LocalEngines.System }, "auth", "status");
        var json = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Engines = Mediagate.Capabilities.LocalEngines.System }, "auth", "status", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("""
              voice    ✗ HeyGen: credential rejected: runs that need it stop until it is fixed (replace HEYGEN_API_KEY with a valid key, or unset it to use the signed-in account (`mediagate auth login`))
                         · ElevenLabs: no key: set ELEVENLABS_API_KEY
                         · local (Kokoro-82M): model not installed: run `mediagate models pull kokoro`
                         ↳ local (eSpeak NG): not reached: heygen's rejected credential stops the run
            """, run.Out);
        var voice = JsonNode.Parse(json.Out)!["capabilities"]![0]!;
        Assert.Equal("failed", (string?)voice["candidates"]![0]!["state"]);
        Assert.DoesNotContain("hg_revoked_key_123", run.Out + run.Error + json.Out);
    }

    [Fact]
    public async Task SignedOutOnATerminalItExplainsHowToSignIn()
    {
        using var home = new TempHome();

        var run = await CliRunner.RunAsync(home.Environment, new CliOptions { OutputIsTerminal = true }, "auth", "status");

        Assert.StartsWith("""
            Not signed in to HeyGen — voice & music will use local engines (free, offline).
            Sign in or sign up (browser OAuth, writes ~/.heygen — no per-repo .env):
              mediagate auth login
            Or paste an existing HeyGen API key (get one at app.heygen.com/settings/api):
              mediagate auth login --api-key
            """, run.Out);
    }

    [Fact]
    public async Task SignedOutJsonKeepsThePeersFieldsAndAddsCapabilities()
    {
        using var home = new TempHome();
        home.Variables["ELEVENLABS_API_KEY"] = "xi-test-key";

        var run = await CliRunner.RunAsync(home.Environment, "auth", "status", "--json");

        Assert.Equal(1, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.False((bool)json["configured"]!);
        Assert.False((bool)json["interactive"]!);
        Assert.Equal("mediagate auth login", (string?)json["recommended_action"]);
        Assert.Equal("local", (string?)json["fallback"]);
        Assert.Equal(2, json["offline_engines"]!.AsArray().Count);
        var voice = json["capabilities"]![0]!;
        Assert.Equal("voice", (string?)voice["capability"]);
        Assert.Equal("elevenlabs", (string?)voice["provider"]);
        Assert.Equal("chosen", (string?)voice["candidates"]![1]!["state"]);
        Assert.Equal("key from ELEVENLABS_API_KEY", (string?)voice["candidates"]![1]!["reason"]);
        Assert.DoesNotContain("xi-test-key", run.Out);
    }

    [Fact]
    public async Task SignedInWithAKeyItShowsTheAccountAndMasksTheKey()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = "mock-heygen-key";

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http }, "auth", "status");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"""
            Source:          env (HEYGEN_API_KEY)
            Type:            api_key
            Key:             moc******
            Base URL:        {mock.BaseUrl.AbsoluteUri.TrimEnd('/')} (from HEYGEN_API_URL)
            Account:         demo@example.com
            Billing:         subscription
            Wallet:          25.5 USD
            Plan:            creator
            Premium credits: 120 (resets 2026-12-01)
            Add-on credits:  0
            Usage:           $1.25 / $50

            HeyGen credential sources (first match wins):
              · HEYGEN_API_BASE: not set
              · .env: not searched (no project directory)
              · HEYGEN_ACCESS_TOKEN: not set
              ✓ HEYGEN_API_KEY: set (moc******)
            """, run.Out);
        Assert.Contains("  voice    ✓ HeyGen (api_key from env (HEYGEN_API_KEY))", run.Out);
        Assert.DoesNotContain("mock-heygen-key", run.Out + run.Error);
    }

    [Fact]
    public async Task SignedInWithOAuthJsonHasExpiryRefreshabilityAndScope()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.WriteCredentials("""
            {"oauth": {"access_token": "stale", "refresh_token": "nope", "expires_at": "2099-01-01T00:00:00.000Z", "scope": "openid"},
             "user": {"email": "cached@example.com"}}
            """);

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http }, "auth", "status", "--json");

        Assert.Equal(1, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.True((bool)json["configured"]!);
        Assert.Equal("file_json", (string?)json["source"]);
        Assert.Equal("oauth", (string?)json["type"]);
        Assert.Equal("2099-01-01T00:00:00.000Z", (string?)json["expires_at"]);
        Assert.True((bool)json["refreshable"]!);
        Assert.Equal("openid", (string?)json["scope"]);
        Assert.Null(json["user"]);
        Assert.Equal("cached@example.com", (string?)json["persisted_user"]!["display_name"]);
        Assert.Contains("refresh token was rejected", (string?)json["api_error"]);
    }

    [Fact]
    public async Task AnApiFailureExitsOneAndFallsBackToTheCachedAccount()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.WriteCredentials("""{"api_key": "mock-heygen-key", "user": {"email": "cached@example.com"}}""");
        mock.State.AddFault(new FaultRule("/v3/users/me", FaultKind.Status, 503));

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http }, "auth", "status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("API check failed: HeyGen answered HTTP 503", run.Out);
        Assert.Contains("Account:         cached@example.com (cached)", run.Out);
    }

    [Fact]
    public async Task ABrokenFileExitsOneWithTheErrorAndTheFix()
    {
        using var home = new TempHome();
        home.WriteCredentials("{ oops");

        var run = await CliRunner.RunAsync(home.Environment, "auth", "status");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {home.CredentialsPath}: the credentials file is unreadable: the file is not valid JSON", run.Error);
        Assert.Contains($"  fix: fix the file by hand, or delete it and sign in again: rm '{home.CredentialsPath}' && mediagate auth login", run.Error);
        Assert.Contains("docs/troubleshooting.md", run.Error);
        Assert.Equal("{ oops", home.ReadCredentials());
    }

    [Fact]
    public async Task ABrokenFileInJsonModePrintsConfiguredFalseWithErrorAndHint()
    {
        using var home = new TempHome();
        home.WriteCredentials("{\"oauth\": {}}");

        var run = await CliRunner.RunAsync(home.Environment, "auth", "status", "--json");

        Assert.Equal(1, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.False((bool)json["configured"]!);
        Assert.Contains("has no access_token", (string?)json["error"]);
        Assert.Contains("mediagate auth login", (string?)json["hint"]);
    }

    [Fact]
    public async Task AGroupReadableFileGetsAWarning()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.WriteCredentials("""{"api_key": "mock-heygen-key"}""");
        File.SetUnixFileMode(mock.Home.CredentialsPath, (UnixFileMode)0b110_100_000);

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http }, "auth", "status");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: ", run.Error);
        Assert.Contains("(mode 0640)", run.Error);
    }
}

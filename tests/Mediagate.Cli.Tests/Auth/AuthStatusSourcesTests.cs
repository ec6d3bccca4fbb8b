using System.Text.Json.Nodes;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Auth;

/// <summary><c>auth status</c> with the peer 0.8.170's sources: a host gateway, a host-injected token, a project <c>.env</c>.</summary>
public sealed class AuthStatusSourcesTests
{
    private static string Root(MockFixture mock) => mock.BaseUrl.AbsoluteUri.TrimEnd('/');

    [Fact]
    public async Task AHostGatewayGetsTheCallsAndItsKeyEvenWhenHeyGenApiUrlPointsElsewhere()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_URL"] = "http://127.0.0.1:9";
        mock.Home.Variables["HEYGEN_API_BASE"] = Root(mock) + "/";
        mock.Home.Variables["HEYGEN_ALLOW_HTTP"] = "1";
        mock.Home.Variables["HEYGEN_API_KEY"] = "mock-heygen-key";
        mock.Home.Variables["HYPERFRAMES_API_KEY"] = "sk_V2_never_sent";
        var options = new CliOptions { Http = mock.Http };

        var run = await CliRunner.RunAsync(mock.Home.Environment, options, "auth", "status");
        var json = JsonNode.Parse((await CliRunner.RunAsync(mock.Home.Environment, options, "auth", "status", "--json")).Out)!;

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"""
            Source:          host gateway (HEYGEN_API_BASE + HEYGEN_API_KEY)
            Type:            api_key
            Key:             moc******
            Base URL:        {Root(mock)} (from HEYGEN_API_BASE; HEYGEN_API_URL is set too, and HEYGEN_API_BASE wins)
            Account:         demo@example.com
            """, run.Out);
        Assert.Contains($"""
            HeyGen credential sources (first match wins):
              ✓ HEYGEN_API_BASE: {Root(mock)} (host gateway; key from HEYGEN_API_KEY)
              · .env: not searched (no project directory)
              · HEYGEN_ACCESS_TOKEN: not set
              · HEYGEN_API_KEY: set (moc******); it is the host gateway's key (HEYGEN_API_BASE above)
              · HYPERFRAMES_API_KEY: set (sk_V2_******), but host gateway (HEYGEN_API_BASE + HEYGEN_API_KEY) comes first
              · ~/.heygen/credentials: no file
            """, run.Out);
        Assert.Equal("host_gateway", (string?)json["source"]);
        Assert.Equal("api_key", (string?)json["type"]);
        Assert.Equal(Root(mock), (string?)json["base_url"]);
        Assert.Equal("HEYGEN_API_BASE", (string?)json["base_url_source"]);
        Assert.Equal("demo@example.com", (string?)json["user"]!["email"]);
        Assert.Equal("HEYGEN_API_BASE", (string?)json["sources"]![0]!["name"]);
        Assert.True((bool)json["sources"]![0]!["used"]!);
        Assert.DoesNotContain("mock-heygen-key", run.Out + json.ToJsonString());
        Assert.DoesNotContain("never_sent", run.Out + json.ToJsonString());
    }

    [Fact]
    public async Task AKeyFromTheProjectDotEnvIsShownWithTheFileItCameFrom()
    {
        await using var mock = await MockFixture.StartAsync();
        var project = Path.Combine(mock.Home.Root, "project");
        Directory.CreateDirectory(Path.Combine(project, "scenes"));
        File.WriteAllText(Path.Combine(project, ".env"), "export HEYGEN_API_KEY=\"mock-heygen-key\"\nHEYGEN_API_BASE=http://evil.example\n");
        var environment = mock.Home.Environment.WithDotEnvFrom(Path.Combine(project, "scenes"));

        var run = await CliRunner.RunAsync(environment, new CliOptions { Http = mock.Http }, "auth", "status");
        var json = JsonNode.Parse((await CliRunner.RunAsync(environment, new CliOptions { Http = mock.Http }, "auth", "status", "--json")).Out)!;

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Source:          .env (HEYGEN_API_KEY in ~/project/.env)\n", run.Out);
        Assert.Contains("""
              · HEYGEN_API_BASE: not set
              ✓ .env: ~/project/.env (HEYGEN_API_KEY from file; HEYGEN_API_BASE ignored: never taken from a file)
              · HEYGEN_ACCESS_TOKEN: not set
              ✓ HEYGEN_API_KEY: set in ~/project/.env (moc******)
            """, run.Out);
        Assert.Equal("env", (string?)json["source"]);
        Assert.Equal(Path.Combine(project, ".env"), (string?)json["env_file"]);
        Assert.Equal("from HEYGEN_API_URL", run.Out.Split('\n').Single(l => l.StartsWith("Base URL:")).Split(" (")[1].TrimEnd(')'));
    }

    [Fact]
    public async Task AnHttpGatewayWithoutHeyGenAllowHttpIsAnErrorNamingTheVariable()
    {
        using var home = new TempHome();
        home.Variables["HEYGEN_API_BASE"] = "http://gw:5100";
        home.Variables["HEYGEN_API_KEY"] = "sk_V2_gateway_key";

        var run = await CliRunner.RunAsync(home.Environment, "auth", "status");
        var json = JsonNode.Parse((await CliRunner.RunAsync(home.Environment, "auth", "status", "--json")).Out)!;

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: HEYGEN_API_BASE: http://gw:5100 uses HTTP, which sends the key in plaintext\n", run.Error);
        Assert.Contains("fix: set HEYGEN_ALLOW_HTTP=1 to allow it", run.Error);
        Assert.False((bool)json["configured"]!);
        Assert.StartsWith("set HEYGEN_ALLOW_HTTP=1", (string?)json["hint"]);
        Assert.DoesNotContain("sk_V2_gateway_key", run.Out + run.Error + json.ToJsonString());
    }

    [Fact]
    public async Task ANonHeyGenBaseWithoutAKeyIsSignedOutAndSaysWhyNothingElseIsSent()
    {
        using var home = new TempHome();
        home.Variables["HEYGEN_API_BASE"] = "https://gateway.example";
        home.Variables["HEYGEN_ACCESS_TOKEN"] = "eyJhost_token_value";

        var run = await CliRunner.RunAsync(home.Environment, "auth", "status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("""
            HeyGen base URL: https://gateway.example (from HEYGEN_API_BASE)
            HeyGen credential sources (first match wins):
              · HEYGEN_API_BASE: https://gateway.example (not a HeyGen host and no HEYGEN_API_KEY: no credential is sent to it)
              · .env: not searched (no project directory)
              · HEYGEN_ACCESS_TOKEN: set (eyJhost_******), but never sent to https://gateway.example, which is not a HeyGen host
            """, run.Out);
        Assert.DoesNotContain("token_value", run.Out + run.Error);
    }

    [Fact]
    public async Task AHostInjectedAccessTokenIsShownAsABearerTokenThatCannotBeRefreshed()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_ACCESS_TOKEN"] = "eyJhost_token_value";
        mock.Home.Variables["HEYGEN_API_KEY"] = "mock-heygen-key";

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http }, "auth", "status", "--json");

        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("env_access_token", (string?)json["source"]);
        Assert.Equal("oauth", (string?)json["type"]);
        Assert.False((bool)json["refreshable"]!);
        Assert.Null(json["expires_at"]);
        Assert.Equal("set (moc******), but env (HEYGEN_ACCESS_TOKEN) comes first", (string?)json["sources"]![3]!["reason"]);
        Assert.DoesNotContain("token_value", run.Out);
    }
}

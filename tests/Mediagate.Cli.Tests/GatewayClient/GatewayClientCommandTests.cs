using System.Text.Json.Nodes;
using Mediagate.Capabilities;
using Mediagate.Mock;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.GatewayClient;

/// <summary>
/// <c>mediagate</c> as a client of <c>mediagate serve</c>'s HeyGen <c>/v3</c>: nothing but <c>HEYGEN_API_BASE</c>,
/// <c>HEYGEN_ALLOW_HTTP=1</c> and a gateway token as <c>HEYGEN_API_KEY</c>, against the real gateway pooling the mock's account.
/// </summary>
public sealed class GatewayClientCommandTests
{
    private static CliOptions Options => new() { Time = new InstantTimeProvider(), Engines = LocalEngines.System };

    [Fact]
    public async Task AuthStatusSaysItTalksToAMediagateGatewayAndShowsTheTenantsPoolAndCapacity()
    {
        await using var gateway = await ServeFixture.StartAsync();
        await gateway.AddAccountAsync(gateway.TokenA, MockOptions.DefaultHeyGenKey, maxJobs: 2);
        using var client = gateway.Client(gateway.TokenA);

        var run = await CliRunner.RunAsync(client.Environment, Options, "auth", "status");
        var json = await CliRunner.RunAsync(client.Environment, Options, "auth", "status", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Base URL:        {gateway.Url} (from HEYGEN_API_BASE)\n", run.Out);
        Assert.Matches(@"\nGateway: +Mediagate \d+\.\d+\.\d+\S* \(tenant team-a\)\n", run.Out);
        Assert.Contains("\nCapacity:        2 max jobs · 0 running · 2 free\n", run.Out);
        Assert.Matches(@"\nPool: +\S+ \(0/2 running, ready\)\n", run.Out);
        Assert.Contains("\nAccount:         team-a\n", run.Out);
        Assert.Contains("  voice    ✓ HeyGen (api_key from host gateway (HEYGEN_API_BASE + HEYGEN_API_KEY))", run.Out);
        Assert.DoesNotContain(gateway.TokenA, run.Out + run.Error + json.Out);
        Assert.DoesNotContain(MockOptions.DefaultHeyGenKey, run.Out + json.Out);
        Assert.Equal(0, json.ExitCode);
        var seen = JsonNode.Parse(json.Out)!["gateway"]!;
        Assert.Equal("mediagate", (string?)seen["gateway"]);
        Assert.Equal("team-a", (string?)seen["tenant"]);
        Assert.Equal((2, 0, 2), ((int)seen["capacity"]!["max_jobs"]!, (int)seen["capacity"]!["running"]!, (int)seen["capacity"]!["free"]!));
        var account = Assert.Single(seen["accounts"]!.AsArray())!;
        Assert.Equal((2, 0, "ready"), ((int)account["max_jobs"]!, (int)account["running"]!, (string?)account["state"]));
    }

    [Fact]
    public async Task WithHeyGenApiUrlInsteadOfTheBaseTheTokenIsAPlainKeyAndTheGatewayIsStillRecognised()
    {
        await using var gateway = await ServeFixture.StartAsync();
        await gateway.AddAccountAsync(gateway.TokenA, MockOptions.DefaultHeyGenKey, maxJobs: 2);
        using var client = new TempHome();
        client.Variables["HEYGEN_API_URL"] = gateway.Url;
        client.Variables["HEYGEN_API_KEY"] = gateway.TokenA;
        var wav = Path.Combine(client.Root, "line.wav");

        var status = await CliRunner.RunAsync(client.Environment, Options, "auth", "status");
        var tts = await CliRunner.RunAsync(client.Environment, Options, "tts", "By the other variable.", "--provider", "heygen", "-o", wav, "--json");

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Source:          env (HEYGEN_API_KEY)\n", status.Out);
        Assert.Contains($"Base URL:        {gateway.Url} (from HEYGEN_API_URL)\n", status.Out);
        Assert.Matches(@"\nGateway: +Mediagate \S+ \(tenant team-a\)\n", status.Out);
        Assert.True(tts.ExitCode == 0, tts.Out + tts.Error);
        Assert.Equal("heygen", (string?)JsonNode.Parse(tts.Out)!["provider"]);
        Assert.Single(gateway.Mock.State.Requests, r => r.Path == "/v3/voices/speech" && r.Body.Contains("By the other variable.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASecondTenantSeesAnEmptyPoolNoneOfTheFirstsAccountsAndHowToAddOne()
    {
        await using var gateway = await ServeFixture.StartAsync();
        await gateway.AddAccountAsync(gateway.TokenA, MockOptions.DefaultHeyGenKey, maxJobs: 2);
        using var client = gateway.Client(gateway.TokenB);

        var run = await CliRunner.RunAsync(client.Environment, Options, "auth", "status");
        var json = JsonNode.Parse((await CliRunner.RunAsync(client.Environment, Options, "auth", "status", "--json")).Out)!;

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"\nGateway: +Mediagate \S+ \(tenant team-b\)\n", run.Out);
        Assert.Contains("\nCapacity:        0 max jobs · 0 running · 0 free\n", run.Out);
        Assert.Contains("\nPool:            no HeyGen account yet: add one with POST /v1/heygen/accounts", run.Out);
        Assert.Equal("team-b", (string?)json["gateway"]!["tenant"]);
        Assert.Empty(json["gateway"]!["accounts"]!.AsArray());
    }

    [Fact]
    public async Task TtsForATenantWithNoAccountFallsBackToTheLocalVoiceAndRecordsTheGatewaysReason()
    {
        await using var gateway = await ServeFixture.StartAsync();
        using var client = gateway.Client(gateway.TokenB);

        var run = await CliRunner.RunAsync(client.Environment, Options, "tts", "Nobody home.", "-o", Path.Combine(client.Root, "b.wav"), "--json");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("local", (string?)json["provider"]);
        var heygen = json["chain"]!["candidates"]![0]!;
        Assert.Equal("failed", (string?)heygen["state"]);
        Assert.Contains("(424)", (string?)heygen["reason"]);
        Assert.Contains("add one with POST /v1/heygen/accounts", (string?)heygen["reason"]);
        Assert.DoesNotContain(gateway.Mock.State.Requests, r => r.Path == "/v3/voices/speech");
    }

    [Fact]
    public async Task AgainstHeyGenItselfAuthStatusShowsNoGatewayRowsAndNoGatewayField()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = MockOptions.DefaultHeyGenKey;

        var run = await CliRunner.RunAsync(mock.Home.Environment, Options, "auth", "status");
        var json = JsonNode.Parse((await CliRunner.RunAsync(mock.Home.Environment, Options, "auth", "status", "--json")).Out)!.AsObject();

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Gateway:", run.Out);
        Assert.DoesNotContain("Capacity:", run.Out);
        Assert.False(json.ContainsKey("gateway"));
    }

    [Fact]
    public async Task ATokenTheGatewayNeverIssuedIsShownAsARejectedCredential()
    {
        await using var gateway = await ServeFixture.StartAsync();
        using var client = gateway.Client("user:999-not-a-token");

        var run = await CliRunner.RunAsync(client.Environment, Options, "auth", "status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("API check failed: ", run.Out);
        Assert.Contains("HeyGen rejected the credential (401)", run.Out);
        Assert.DoesNotContain("Gateway:", run.Out);
        Assert.Contains("voice    ✗ HeyGen: credential rejected", run.Out);
    }

    [Fact]
    public async Task TtsAndVoicesThroughTheGatewayAreServedByThePooledAccountAndTheTokenNeverReachesHeyGen()
    {
        await using var gateway = await ServeFixture.StartAsync();
        await gateway.AddAccountAsync(gateway.TokenA, MockOptions.DefaultHeyGenKey, maxJobs: 2);
        using var client = gateway.Client(gateway.TokenA);
        var wav = Path.Combine(client.Root, "line.wav");

        var tts = await CliRunner.RunAsync(client.Environment, Options, "tts", "Through the pool.", "--provider", "heygen", "-o", wav, "--json");
        var voices = await CliRunner.RunAsync(client.Environment, Options, "voices", "--provider", "heygen", "--json");

        Assert.True(tts.ExitCode == 0, tts.Out + tts.Error);
        Assert.Equal("heygen", (string?)JsonNode.Parse(tts.Out)!["provider"]);
        Assert.True(new FileInfo(wav).Length > 10_000);
        var words = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(wav, ".words.json")))!.AsArray();
        Assert.Equal(["Through", "the", "pool."], words.Select(w => (string?)w!["text"]));
        Assert.True(voices.ExitCode == 0, voices.Out + voices.Error);
        Assert.Contains(JsonNode.Parse(voices.Out)!["voices"]!.AsArray(), v => (string?)v!["id"] == "05f19352e8f74b0392a8f411eba40de1");
        var speech = Assert.Single(gateway.Mock.State.Requests, r => r.Path == "/v3/voices/speech");
        Assert.Equal(MockOptions.DefaultHeyGenKey, speech.Headers["X-Api-Key"]);
        Assert.Contains("Through the pool.", speech.Body);
        Assert.DoesNotContain(gateway.Mock.State.Requests, r => r.Headers.Values.Any(v => v.Contains(gateway.TokenA, StringComparison.Ordinal)));
    }
}

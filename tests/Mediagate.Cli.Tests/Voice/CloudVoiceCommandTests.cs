using System.Text.Json.Nodes;
using Mediagate.Capabilities;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Voice;

/// <summary><c>tts</c> and <c>voices</c> through the cloud chain, against the mock.</summary>
public sealed class CloudVoiceCommandTests
{
    private static CliOptions Options(MockFixture mock) => new() { Http = mock.Http, Time = new InstantTimeProvider(), Engines = LocalEngines.System };

    private static string Out(MockFixture mock, string name) => Path.Combine(mock.Home.Root, name);

    [Fact]
    public async Task WithAHeyGenKeyTtsUsesHeyGenAndWritesItsWords()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = MockOptions.DefaultHeyGenKey;

        var run = await CliRunner.RunAsync(mock.Home.Environment, Options(mock), "tts", "Launch day is here.", "-o", Out(mock, "a.wav"), "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("heygen", (string?)json["provider"]);
        Assert.Equal("heygen", (string?)json["chain"]!["provider"]);
        var words = JsonNode.Parse(File.ReadAllText(Out(mock, "a.words.json")))!.AsArray();
        Assert.Equal(["Launch", "day", "is", "here."], words.Select(w => (string?)w!["text"]));
        Assert.True(new FileInfo(Out(mock, "a.wav")).Length > 10_000);
        Assert.DoesNotContain(MockOptions.DefaultHeyGenKey, run.Out + run.Error);
    }

    [Fact]
    public async Task WhenHeyGenFailsInTheMiddleOfARunElevenLabsTakesOverAndTheOutputSaysWhy()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = MockOptions.DefaultHeyGenKey;
        mock.Home.Variables["ELEVENLABS_API_KEY"] = MockOptions.DefaultElevenLabsKey;
        mock.Home.Variables["MEDIAGATE_HTTP_RETRIES"] = "1";
        // The speech call succeeds, then the audio download keeps failing: a failure part-way through the provider's work.
        mock.State.AddFault(new FaultRule("/files/", FaultKind.Status, 503, Times: null));

        var run = await CliRunner.RunAsync(mock.Home.Environment, Options(mock), "tts", "Fallback works.", "-o", Out(mock, "b.wav"), "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("elevenlabs", (string?)json["provider"]);
        var heygen = json["chain"]!["candidates"]![0]!;
        Assert.Equal("failed", (string?)heygen["state"]);
        Assert.Equal("failed: HeyGen answered HTTP 503 after 2 attempts: {\"data\":null,\"error\":{\"code\":\"service_unavailable\",\"message\":\"Service temporarily unavailable\"}}", (string?)heygen["reason"]);
        Assert.Equal("chosen", (string?)json["chain"]!["candidates"]![1]!["state"]);
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(Out(mock, "b.words.json")))!.AsArray().Count);
    }

    [Fact]
    public async Task AnExplicitProviderDoesNotFallBackAndLeavesNoFile()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = MockOptions.DefaultHeyGenKey;
        mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Status, 402, Times: null));

        var run = await CliRunner.RunAsync(mock.Home.Environment, Options(mock), "tts", "No fallback.", "-o", Out(mock, "c.wav"), "--provider", "heygen");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: HeyGen: out of credits / plan upgrade required (402)", run.Error);
        Assert.Contains("fix: top up the account, or choose another --provider", run.Error);
        Assert.False(File.Exists(Out(mock, "c.wav")));
        Assert.Empty(Directory.GetFiles(mock.Home.Root, "*.tmp"));
        Assert.Single(mock.State.Requests, r => r.Path == "/v3/voices/speech");
    }

    [Fact]
    public async Task ARejectedKeyInAutoStopsTheRunNamingTheKeysSourceAndTheFixInsteadOfFallingBackToARobotVoice()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = "hg_revoked_key_123";
        var target = Out(mock, "d.wav");

        var run = await CliRunner.RunAsync(mock.Home.Environment, Options(mock), "tts", "Ship it.", "-o", target);
        var json = await CliRunner.RunAsync(mock.Home.Environment, Options(mock), "tts", "Ship it.", "-o", target, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: HeyGen rejected the credential from env (HEYGEN_API_KEY): HeyGen rejected the key (401)", run.Error);
        Assert.Contains("fix: replace HEYGEN_API_KEY with a valid key, or unset it to use the signed-in account (`mediagate auth login`)", run.Error);
        Assert.False(File.Exists(target));
        Assert.Equal(1, json.ExitCode);
        var answer = JsonNode.Parse(json.Out)!;
        Assert.False((bool)answer["ok"]!);
        Assert.StartsWith("HeyGen rejected the credential from env (HEYGEN_API_KEY)", (string?)answer["error"]);
        Assert.Equal("failed", (string?)answer["chain"]!["candidates"]![0]!["state"]);
        Assert.Equal("heygen", (string?)answer["chain"]!["candidates"]![0]!["provider"]);
        Assert.DoesNotContain("hg_revoked_key_123", run.Error + run.Out + json.Out + json.Error);
    }

    [Fact]
    public async Task ARejectedElevenLabsKeyStopsTheRunToo()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["ELEVENLABS_API_KEY"] = "xi-revoked";

        var run = await CliRunner.RunAsync(mock.Home.Environment, Options(mock), "tts", "Ship it.", "-o", Out(mock, "e.wav"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: ElevenLabs rejected the credential from ELEVENLABS_API_KEY", run.Error);
        Assert.Contains("fix: replace ELEVENLABS_API_KEY with a valid key, or unset it to skip this provider", run.Error);
    }

    [Theory]
    [InlineData("heygen", "HEYGEN_API_KEY", MockOptions.DefaultHeyGenKey, "05f19352e8f74b0392a8f411eba40de1")]
    [InlineData("elevenlabs", "ELEVENLABS_API_KEY", MockOptions.DefaultElevenLabsKey, "21m00Tcm4TlvDq8ikWAM")]
    public async Task VoicesListsTheChosenProvidersVoices(string provider, string variable, string key, string expectedId)
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables[variable] = key;

        var json = await CliRunner.RunAsync(mock.Home.Environment, Options(mock), "voices", "--json");
        var human = await CliRunner.RunAsync(mock.Home.Environment, Options(mock), "voices");

        Assert.Equal(0, json.ExitCode);
        var answer = JsonNode.Parse(json.Out)!;
        Assert.Equal(provider, (string?)answer["provider"]);
        Assert.Contains(answer["voices"]!.AsArray(), v => (string?)v!["id"] == expectedId);
        Assert.Contains(expectedId, human.Out);
    }

    [Fact]
    public async Task VoicesForAProviderWithoutItsKeyExitsOne()
    {
        await using var mock = await MockFixture.StartAsync();

        var run = await CliRunner.RunAsync(mock.Home.Environment, Options(mock), "voices", "--provider", "elevenlabs", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ElevenLabs cannot be used: no key: set ELEVENLABS_API_KEY", (string?)JsonNode.Parse(run.Out)!["error"]);
    }
}

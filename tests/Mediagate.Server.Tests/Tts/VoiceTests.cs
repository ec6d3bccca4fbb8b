using System.Net;
using System.Text.Json.Nodes;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.Tts;

public sealed class VoiceTests
{
    [Fact]
    public async Task VoicesAndLanguagesComeFromHeyGenInTheUseapiShape()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/v1/heygen/tts/voices")).StatusCode);
        await gateway.AddAccountAsync();

        var voices = JsonNode.Parse(await gateway.Client.GetStringAsync("/v1/heygen/tts/voices"))!.AsArray();
        Assert.Equal(8, voices.Count);
        var marcia = voices.Single(v => v!["voice_id"]!.GetValue<string>() == TtsCreateTests.Marcia)!;
        Assert.Equal("Marcia", marcia["name"]!.GetValue<string>());
        Assert.Equal(["starfish"], marcia["voice_engines"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("starfish", marcia["default_voice_engine"]!.GetValue<string>());
        Assert.Empty(marcia["settings"]!["clone_emotions"]!.AsArray());

        var one = JsonNode.Parse(await gateway.Client.GetStringAsync($"/v1/heygen/tts/voices?voice_id={TtsCreateTests.Marcia}"))!;
        Assert.Equal("Marcia", one["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/v1/heygen/tts/voices?voice_id=nope")).StatusCode);

        var languages = JsonNode.Parse(await gateway.Client.GetStringAsync("/v1/heygen/tts/languages"))!.AsArray();
        Assert.Equal(["de", "en", "es", "fr", "hi", "ja"], languages.Select(l => l!["language_code"]!.GetValue<string>()));
        Assert.Equal(3, languages.Single(l => l!["language_code"]!.GetValue<string>() == "en")!["voices"]!.GetValue<int>());
        Assert.Single(gateway.Mock.State.Requests, r => r.Path == "/v3/voices");
    }
}

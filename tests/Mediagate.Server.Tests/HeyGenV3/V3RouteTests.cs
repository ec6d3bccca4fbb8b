using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.HeyGenV3;

public sealed class V3RouteTests
{
    [Fact]
    public async Task UsersMeAnswersHeyGensShapeWithTheGatewaysBlock()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync(maxJobs: 3);
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var data = await V3Client.DataAsync(await client.GetAsync("/v3/users/me"));

        Assert.Equal("test", data["username"]!.GetValue<string>());
        Assert.Equal("test", data["email"]!.GetValue<string>());
        var mediagate = data["mediagate"]!;
        Assert.Equal("mediagate", mediagate["gateway"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+\.\d+", mediagate["version"]!.GetValue<string>());
        Assert.Equal("test", mediagate["tenant"]!.GetValue<string>());
        var account = Assert.Single(mediagate["accounts"]!.AsArray())!;
        Assert.Equal(["id", "label", "max_jobs", "running", "state"], account.AsObject().Select(p => p.Key));
        Assert.Equal("d***@example.com", account["label"]!.GetValue<string>());
        Assert.Equal(3, account["max_jobs"]!.GetValue<int>());
        Assert.Equal("ready", account["state"]!.GetValue<string>());
        Assert.Equal("""{"max_jobs":3,"running":0,"free":3}""", mediagate["capacity"]!.ToJsonString());
    }

    [Fact]
    public async Task VoicesPageAsHeyGenPagesThemAndFollowTheNextToken()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var first = await TestGateway.JsonAsync(await client.GetAsync("/v3/voices?engine=starfish&type=public&limit=2"));
        Assert.Equal(2, first["data"]!.AsArray().Count);
        Assert.True(first["has_more"]!.GetValue<bool>());
        var token = first["next_token"]!.GetValue<string>();
        var second = await TestGateway.JsonAsync(await client.GetAsync($"/v3/voices?engine=starfish&type=public&limit=2&token={Uri.EscapeDataString(token)}"));

        var ids = first["data"]!.AsArray().Concat(second["data"]!.AsArray()).Select(v => v!["voice_id"]!.GetValue<string>()).ToList();
        Assert.Equal(4, ids.Distinct().Count());
        Assert.All(first["data"]!.AsArray(), v => Assert.Equal(["voice_id", "name", "language", "gender", "engine", "type"], v!.AsObject().Select(p => p.Key)));
    }

    [Fact]
    public async Task SoundsAnswerTheLibrarySearchWithGatewayUrlsOnly()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var response = await client.GetAsync("/v3/audio/sounds?query=calm%20cinematic%20underscore&type=music&limit=5");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(gateway.Mock.BaseUrl.ToString(), text);
        var hits = JsonNode.Parse(text)!["data"]!.AsArray();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(["id", "name", "description", "duration", "score", "audio_url"], h!.AsObject().Select(p => p.Key)));
        using var anonymous = gateway.Anonymous();
        var music = await anonymous.GetAsync(new Uri(hits[0]!["audio_url"]!.GetValue<string>()).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, music.StatusCode);
        Assert.True((await music.Content.ReadAsByteArrayAsync()).Length > 1000);
    }

    [Fact]
    public async Task ABadSoundsQueryKeepsHeyGensRefusal()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var response = await client.GetAsync("/v3/audio/sounds?query=rain&type=noise");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("type must be music or sound_effects", (await TestGateway.JsonAsync(response))["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnknownV3RouteIs404InHeyGensShape()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var response = await client.GetAsync("/v3/video/generate");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await TestGateway.JsonAsync(response))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACloneIsMadeListedSpokenWithOnItsOwnAccountAndDeleted()
    {
        await using var gateway = await V3PoolTests.ThreeAccountsAsync(1);
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var clone = await client.PostAsJsonAsync("/v3/voices/clone", new
        {
            voice_name = "hf-narrator",
            audio = new { type = "base64", media_type = "audio/wav", data = Convert.ToBase64String(Samples.Wav(1.5)) },
        });
        Assert.Equal(HttpStatusCode.OK, clone.StatusCode);
        var id = (await V3Client.DataAsync(clone))["voice_clone_id"]!.GetValue<string>();
        var made = gateway.Mock.State.Requests.Single(r => r.Path == "/v3/voices/clone").Headers["Authorization"];

        var voice = await V3Client.DataAsync(await client.GetAsync($"/v3/voices/{id}"));
        Assert.Equal("complete", voice["status"]!.GetValue<string>());
        var list = await TestGateway.JsonAsync(await client.GetAsync("/v3/voices?type=private&limit=100"));
        Assert.Equal([id], list["data"]!.AsArray().Select(v => v!["voice_id"]!.GetValue<string>()));
        Assert.False(list["has_more"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await V3Client.SpeakAsync(client, "In my own voice.", id)).StatusCode);
        Assert.Equal(made, gateway.Mock.State.Requests.Single(r => r.Path == "/v3/voices/speech").Headers["Authorization"]);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v3/voices/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v3/voices/{id}")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.HeyGenV3;

public sealed class SpeechRouteTests
{
    [Fact]
    public async Task SpeechAnswersHeyGensShapeWithAGatewayMediaUrlThatDownloadsWithoutAuth()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var response = await V3Client.SpeakAsync(client);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(gateway.Mock.BaseUrl.ToString(), text);
        var data = JsonNode.Parse(text)!["data"]!.AsObject();
        Assert.Equal(["audio_url", "duration", "word_timestamps"], data.Select(p => p.Key));
        var audio = new Uri(data["audio_url"]!.GetValue<string>());
        Assert.Equal("/v3/media/" + audio.Segments[^1], audio.AbsolutePath);
        Assert.Contains("expires=", audio.Query);
        Assert.Contains("sig=", audio.Query);
        Assert.Contains(data["word_timestamps"]!.AsArray(), w => w!["word"]!.GetValue<string>() == "frame.");

        using var anonymous = gateway.Anonymous();
        var media = await anonymous.GetAsync(audio.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal("audio/mpeg", media.Content.Headers.ContentType!.MediaType);
        var bytes = await media.Content.ReadAsByteArrayAsync();
        Assert.Equal(media.Content.Headers.ContentLength, bytes.Length);
        var upstreamUrl = gateway.Mock.State.Requests.Where(r => r.Path.StartsWith("/files/", StringComparison.Ordinal)).Select(r => r.Path).Single();
        using var direct = new HttpClient();
        Assert.Equal(await direct.GetByteArrayAsync(new Uri(gateway.Mock.BaseUrl, upstreamUrl)), bytes);

        var again = await anonymous.GetAsync(audio.PathAndQuery);
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, gateway.Mock.State.Requests.Count(r => r.Path == upstreamUrl) - 1);
    }

    [Fact]
    public async Task BearerTokensWorkLikeApiKeys()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        var response = await V3Client.SpeakAsync(gateway.Client);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("user:1-0000000000000000000000000000000000000000")]
    [InlineData("mock-heygen-key")]
    public async Task AMissingOrUnknownTokenGets401InHeyGensErrorShape(string? token)
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = token is null ? gateway.Anonymous() : V3Client.WithApiKey(gateway, token);
        var response = await V3Client.SpeakAsync(client);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await TestGateway.JsonAsync(response);
        Assert.Null(body["data"]);
        Assert.True(body.ContainsKey("data"));
        Assert.Equal("unauthorized", body["error"]!["code"]!.GetValue<string>());
        Assert.Contains("mediagate tokens create", body["error"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain(gateway.Mock.State.Requests, r => r.Path == "/v3/voices/speech");
    }

    [Fact]
    public async Task ATenantWithoutAccountsGets424SayingToAddOne()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var response = await V3Client.SpeakAsync(client);
        Assert.Equal(HttpStatusCode.FailedDependency, response.StatusCode);
        var body = await TestGateway.JsonAsync(response);
        Assert.Equal("no_account", body["error"]!["code"]!.GetValue<string>());
        Assert.Contains("POST /v1/heygen/accounts", body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task HeyGensRefusalKeepsItsStatusAndMessage()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var response = await V3Client.SpeakAsync(client, voiceId: "nope");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await TestGateway.JsonAsync(response);
        Assert.Equal("invalid_parameter", body["error"]!["code"]!.GetValue<string>());
        Assert.Contains("voice_id 'nope' is not a Starfish voice", body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheSpeechIsAJobWithItsCharactersAndSecondsMetered()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var response = await V3Client.SpeakAsync(client, "Twenty-one characters");
        var duration = (await V3Client.DataAsync(response))["duration"]!.GetValue<double>();
        var jobId = response.Headers.GetValues("X-Mediagate-Job-Id").Single();

        var job = await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{jobId}"));
        Assert.Equal("completed", job["status"]!.GetValue<string>());
        Assert.Equal("Twenty-one characters", job["request"]!["text"]!.GetValue<string>());

        await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = V3Client.Marcia, prompt = "Hello." });
        var usage = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/usage"));
        var account = usage["accounts"]![Mediagate.Mock.MockOptions.DefaultWebEmail]!;
        Assert.Equal(2, account["completed"]!.GetValue<long>());
        Assert.Equal(21 + 6, account["characters"]!.GetValue<long>());
        Assert.True(account["seconds"]!.GetValue<double>() > duration);
        Assert.Equal(1, account["kinds"]!["v3-speech"]!.GetValue<long>());
        Assert.Equal(1, account["kinds"]!["tts"]!.GetValue<long>());
        Assert.Equal(27, usage["total"]!["characters"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("""{"text":"\ud800","voice_id":"05f19352e8f74b0392a8f411eba40de1"}""", "not valid UTF-16")]
    [InlineData("""{"text":"a","text":"b","voice_id":"05f19352e8f74b0392a8f411eba40de1"}""", "more than once")]
    [InlineData("""["text"]""", "must be a JSON object")]
    [InlineData("""{"text":""", "not valid JSON")]
    [InlineData("""{"voice_id":"05f19352e8f74b0392a8f411eba40de1"}""", "text is required")]
    public async Task ABodyHeyGenCouldNotTakeIs400BeforeAnySlotIsTaken(string body, string error)
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var response = await client.PostAsync("/v3/voices/speech", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(error, (await TestGateway.JsonAsync(response))["error"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain(gateway.Mock.State.Requests, r => r.Path == "/v3/voices/speech");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Server.Tests.Harness;
using Mediagate.Tests.Support;

namespace Mediagate.Server.Tests.HeyGenV3;

/// <summary>Whose a voice is, when tenants pool the same HeyGen account: ownership is read fresh, never from a stale list.</summary>
public sealed class VoiceOwnershipTests : IDisposable
{
    private readonly TempHome _home = new();

    private string Data => Path.Combine(_home.Root, "data");

    private static object CloneBody(string name) => new
    {
        voice_name = name,
        audio = new { type = "base64", media_type = "audio/wav", data = Convert.ToBase64String(Samples.Wav(1.5)) },
    };

    /// <summary>Two processes on one data directory: B's read its clone snapshot just before A cloned on the other process.</summary>
    [Fact]
    public async Task ATenantCannotReadSpeakWithOrDeleteAnotherTenantsCloneMadeAMomentAgoOnAnotherProcess()
    {
        await using var mock = await MockFixture.StartAsync();
        await using var p1 = await GatewayProcess.StartAsync(Data, mock.BaseUrl);
        await using var p2 = await GatewayProcess.StartAsync(Data, mock.BaseUrl);
        var tokenA = await ProcessClient.CreateTokenAsync(Data, name: "tenant-a");
        var tokenB = await ProcessClient.CreateTokenAsync(Data, name: "tenant-b");
        foreach (var (gateway, token) in new[] { (p1, tokenA), (p2, tokenB) })
        {
            using var admin = ProcessClient.For(gateway.Url, token);
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/heygen/accounts", new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword, maxJobs = 2 })).StatusCode);
        }
        using var a = V3(p1.Url, tokenA);
        using var b = V3(p2.Url, tokenB);
        await b.GetAsync("/v3/voices/warm-up");
        var created = await a.PostAsJsonAsync("/v3/voices/clone", CloneBody("a-private-voice"));
        var cloneId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["data"]!["voice_clone_id"]!.GetValue<string>();

        var read = await b.GetAsync($"/v3/voices/{cloneId}");
        var spoken = await b.PostAsJsonAsync("/v3/voices/speech", new { text = "Borrowed voice.", voice_id = cloneId });
        var deleted = await b.DeleteAsync($"/v3/voices/{cloneId}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (read.StatusCode, spoken.StatusCode, deleted.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/v3/voices/{cloneId}")).StatusCode);
    }

    [Fact]
    public async Task AnotherTenantsCloneIdIsAnsweredExactlyAsAnUnknownId()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var a = V3Client.WithApiKey(gateway, gateway.Token);
        var cloneId = (await V3Client.DataAsync(await a.PostAsJsonAsync("/v3/voices/clone", CloneBody("a-voice"))))["voice_clone_id"]!.GetValue<string>();
        using var b = await SharingTenantAsync(gateway);
        const string Unknown = "0000000000000000000000000000dead";

        var foreign = await V3Client.SpeakAsync(b, "x", cloneId);
        var unknown = await V3Client.SpeakAsync(b, "x", Unknown);
        var foreignRead = await b.GetAsync($"/v3/voices/{cloneId}");
        var unknownRead = await b.GetAsync($"/v3/voices/{Unknown}");

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(unknown.StatusCode, foreign.StatusCode);
        Assert.Equal(unknown.Headers.Contains("X-Mediagate-Job-Id"), foreign.Headers.Contains("X-Mediagate-Job-Id"));
        Assert.Equal((await unknown.Content.ReadAsStringAsync()).Replace(Unknown, "ID"), (await foreign.Content.ReadAsStringAsync()).Replace(cloneId, "ID"));
        Assert.Equal((HttpStatusCode.NotFound, await unknownRead.Content.ReadAsStringAsync()), (foreignRead.StatusCode, await foreignRead.Content.ReadAsStringAsync()));
    }

    /// <summary>A voice cloned on HeyGen directly (or whose record never landed) belongs to no tenant the gateway knows.</summary>
    [Fact]
    public async Task APrivateVoiceNotRecordedForTheCallerIsRefusedOnlyOnAnAccountAnotherTenantAlsoPools()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var direct = new HttpClient { BaseAddress = gateway.Mock.BaseUrl };
        direct.DefaultRequestHeaders.Add("X-Api-Key", MockOptions.DefaultHeyGenKey);
        var voiceId = JsonNode.Parse(await (await direct.PostAsJsonAsync("/v3/voices/clone", CloneBody("outside"))).Content.ReadAsStringAsync())!["data"]!["voice_clone_id"]!.GetValue<string>();
        using var a = V3Client.WithApiKey(gateway, gateway.Token);
        Assert.Equal(HttpStatusCode.OK, (await V3Client.SpeakAsync(a, "Only I pool this account.", voiceId)).StatusCode);

        using var b = await SharingTenantAsync(gateway);

        Assert.Equal(HttpStatusCode.BadRequest, (await V3Client.SpeakAsync(b, "Not mine.", voiceId)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/v3/voices/{voiceId}")).StatusCode);
        Assert.DoesNotContain(voiceId, await b.GetStringAsync("/v3/voices?limit=100"));
        Assert.DoesNotContain(voiceId, await b.GetStringAsync("/v3/voices?type=private&limit=100"));
        Assert.Equal(HttpStatusCode.OK, (await V3Client.SpeakAsync(b, "Public voices still work.")).StatusCode);
    }

    public void Dispose() => _home.Dispose();

    /// <summary>A second tenant that pools the same HeyGen web account as the first.</summary>
    private static async Task<HttpClient> SharingTenantAsync(TestGateway gateway)
    {
        var other = await gateway.CreateTokenAsync("tenant-b");
        using var admin = gateway.Authorized(other.Token);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/heygen/accounts", new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword, maxJobs = 1 })).StatusCode);
        return V3Client.WithApiKey(gateway, other.Token);
    }

    private static HttpClient V3(Uri gateway, string token)
    {
        var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Add("X-Api-Key", token);
        return client;
    }
}

using System.Net;
using System.Net.Http.Json;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.HeyGenV3;

public sealed class V3TenancyTests
{
    [Fact]
    public async Task ASecondTenantSeesNoneOfTheFirstsAccountsClonesRecordsOrUsage()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var a = V3Client.WithApiKey(gateway, gateway.Token);
        var speech = await V3Client.SpeakAsync(a, "Tenant A speaks.");
        var jobId = speech.Headers.GetValues("X-Mediagate-Job-Id").Single();
        var clone = await a.PostAsJsonAsync("/v3/voices/clone", new
        {
            voice_name = "a-voice",
            audio = new { type = "base64", media_type = "audio/wav", data = Convert.ToBase64String(Samples.Wav(1.5)) },
        });
        var cloneId = (await V3Client.DataAsync(clone))["voice_clone_id"]!.GetValue<string>();

        // Tenant B uses the same HeyGen account under its own tenant: the gateway still keeps A's clone and records from it.
        var other = await gateway.CreateTokenAsync("tenant-b");
        using var bAdmin = gateway.Authorized(other.Token);
        using var b = V3Client.WithApiKey(gateway, other.Token);
        var me = await V3Client.DataAsync(await b.GetAsync("/v3/users/me"));
        Assert.Empty(me["mediagate"]!["accounts"]!.AsArray());
        Assert.Equal(HttpStatusCode.FailedDependency, (await V3Client.SpeakAsync(b)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await bAdmin.PostAsJsonAsync("/v1/heygen/accounts", new { email = Mediagate.Mock.MockOptions.DefaultWebEmail, password = Mediagate.Mock.MockOptions.DefaultWebPassword, maxJobs = 1 })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/v3/voices/{cloneId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/v3/voices/{cloneId}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await V3Client.SpeakAsync(b, "Borrowed voice.", cloneId)).StatusCode);
        var privateVoices = await TestGateway.JsonAsync(await b.GetAsync("/v3/voices?type=private&limit=100"));
        Assert.Empty(privateVoices["data"]!.AsArray());
        var allVoices = await b.GetStringAsync("/v3/voices?limit=100");
        Assert.DoesNotContain(cloneId, allVoices);
        Assert.Equal(HttpStatusCode.NotFound, (await bAdmin.GetAsync($"/v1/heygen/jobs/{jobId}")).StatusCode);
        var usage = await TestGateway.JsonAsync(await bAdmin.GetAsync("/v1/heygen/usage"));
        // B's own jobs only: its listings, and its attempts on A's clone, refused as HeyGen refuses an id it does not know.
        Assert.Equal(0, usage["total"]!["characters"]!.GetValue<long>());
        Assert.Equal(["v3-delete", "v3-speech", "v3-voice", "v3-voices"], usage["total"]!["kinds"]!.AsObject().Select(p => p.Key));

        // The same library track is a different media id for each tenant.
        var musicA = await a.GetStringAsync("/v3/audio/sounds?query=calm&type=music&limit=1");
        var musicB = await b.GetStringAsync("/v3/audio/sounds?query=calm&type=music&limit=1");
        Assert.NotEqual(MediaId(musicA), MediaId(musicB));

        // A's clone is still A's.
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/v3/voices/{cloneId}")).StatusCode);
        Assert.Contains(cloneId, await a.GetStringAsync("/v3/voices?type=private&limit=100"));
    }

    private static string MediaId(string answer) =>
        new Uri(System.Text.Json.Nodes.JsonNode.Parse(answer)!["data"]![0]!["audio_url"]!.GetValue<string>()).Segments[^1];
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Server.HeyGenV3;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;
using Mediagate.Server.Tokens;

namespace Mediagate.Server.Tests.HeyGenV3;

public sealed class SlotLineTests
{
    [Fact]
    public async Task ACallerWaitingForABusyClonesAccountDoesNotHoldUpCallersWhoCanTakeAnotherAccount()
    {
        var mock = new MockOptions
        {
            HeyGenApiKeys = new Dictionary<string, MockUser> { ["key-one"] = new("one@example.com"), ["key-two"] = new("two@example.com") },
        };
        await using var gateway = await TestGateway.StartAsync(mock);
        Assert.Equal(HttpStatusCode.Created, (await gateway.Client.PostAsJsonAsync("/v1/heygen/accounts", new { apiKey = "key-one", maxJobs = 1 })).StatusCode);
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var clone = await client.PostAsJsonAsync("/v3/voices/clone", new
        {
            voice_name = "on-one",
            audio = new { type = "base64", media_type = "audio/wav", data = Convert.ToBase64String(Samples.Wav(1.5)) },
        });
        var cloneId = (await V3Client.DataAsync(clone))["voice_clone_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await gateway.Client.PostAsJsonAsync("/v1/heygen/accounts", new { apiKey = "key-two", maxJobs = 1 })).StatusCode);
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: 2, Key: "key-one", DelayMs: 1500));
        var tenant = (await gateway.Service<TokenStore>().VerifyAsync(gateway.Token, CancellationToken.None)).Caller!.TenantId;
        var holder = V3Client.SpeakAsync(client, "holder", cloneId);
        await TtsCreateTests.WaitForAsync(async () => (await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler")))["total"]!.GetValue<int>() == 1);
        var waiter = V3Client.SpeakAsync(client, "waiter", cloneId);
        await TtsCreateTests.WaitForAsync(() => Task.FromResult(gateway.Service<SlotWaits>().Waiting(tenant) == 1));

        var other = await V3Client.SpeakAsync(client, "other");

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.All(await Task.WhenAll(holder, waiter), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var order = gateway.Mock.State.Requests.Where(r => r.Path == "/v3/voices/speech").Select(r => JsonNode.Parse(r.Body)!["text"]!.GetValue<string>());
        Assert.Equal(["holder", "other", "waiter"], order);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;

namespace Mediagate.Server.Tests.Tenants;

/// <summary>Each token sees only its own tenant's accounts and jobs (finding 1 of issue 15).</summary>
public sealed class TenantTests
{
    private const string KeyA = "key-of-a";
    private const string KeyB = "key-of-b";

    private static MockOptions TwoKeys() => new()
    {
        HeyGenApiKeys = new Dictionary<string, MockUser> { [KeyA] = new("a@example.com"), [KeyB] = new("b@example.com") },
    };

    [Fact]
    public async Task AnotherTenantsTokenCannotListReadUseOverwriteOrDeleteAnAccount()
    {
        // The replyUrl below is on loopback, which the gateway refuses unless private webhooks are allowed.
        await using var gateway = await TestGateway.StartAsync(settings: Jobs.WebhookTests.PrivateHooks);
        var other = gateway.Authorized((await gateway.CreateTokenAsync("intruder")).Token);
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 1)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/v1/heygen/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")).StatusCode);
        var use = await other.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "not yours" });
        Assert.Equal(HttpStatusCode.NotFound, use.StatusCode);
        var named = await other.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "not yours", email = MockOptions.DefaultWebEmail });
        Assert.Equal(HttpStatusCode.NotFound, named.StatusCode);
        Assert.DoesNotContain(gateway.Mock.State.Requests, r => r.Path == "/v3/voices/speech");

        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: 1, DelayMs: 1500));
        var created = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create",
            new { voice_id = TtsCreateTests.Marcia, prompt = "mine", async = true, replyUrl = "http://127.0.0.1:9/hook?secret=s3cret" }));
        var jobId = created["jobid"]!.GetValue<string>();
        await TtsCreateTests.WaitForAsync(async () => (await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler")))["total"]!.GetValue<int>() == 1);
        // The job holds its slot from the start, but its call reaches HeyGen (and the delay) only once its background run begins.
        await TtsCreateTests.WaitForAsync(() => Task.FromResult(gateway.Mock.State.Requests.Any(r => r.Path == "/v3/voices/speech")));
        var theirs = await other.GetStringAsync("/v1/heygen/scheduler");
        Assert.DoesNotContain("s3cret", theirs);
        Assert.DoesNotContain(MockOptions.DefaultWebEmail, theirs);
        Assert.Equal(0, JsonNode.Parse(theirs)!["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/heygen/jobs/{jobId}")).StatusCode);

        var mine = await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}"));
        Assert.Equal(1, mine["maxJobs"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheSameEmailInTwoTenantsIsTwoSeparateConfigurations()
    {
        await using var gateway = await TestGateway.StartAsync();
        var other = gateway.Authorized((await gateway.CreateTokenAsync("other team")).Token);
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/v1/heygen/accounts",
            new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword, maxJobs = 3 })).StatusCode);

        Assert.Equal(1, (await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")))["maxJobs"]!.GetValue<int>());
        Assert.Equal(3, (await TestGateway.JsonAsync(await other.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")))["maxJobs"]!.GetValue<int>());

        // One tenant's busy slot is not the other's.
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: 1, DelayMs: 1500));
        Assert.Equal(HttpStatusCode.Created, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "slow", async = true })).StatusCode);
        await TtsCreateTests.WaitForAsync(async () => (await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler")))["total"]!.GetValue<int>() == 1);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "busy" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "free" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await other.DeleteAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")).StatusCode);
    }

    [Fact]
    public async Task TheSlotPoolPicksOnlyAmongTheCallersOwnAccounts()
    {
        await using var gateway = await TestGateway.StartAsync(TwoKeys());
        var other = gateway.Authorized((await gateway.CreateTokenAsync("b")).Token);
        Assert.Equal(HttpStatusCode.Created, (await gateway.Client.PostAsJsonAsync("/v1/heygen/accounts", new { apiKey = KeyA, maxJobs = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/v1/heygen/accounts", new { apiKey = KeyB, maxJobs = 10 })).StatusCode);
        gateway.Mock.State.ClearRequests();

        var calls = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? gateway.Client : other)
            .PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = (i % 2 == 0 ? "text of a " : "text of b ") + i }));
        Assert.All(await Task.WhenAll(calls), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var speech = gateway.Mock.State.Requests.Where(r => r.Path == "/v3/voices/speech").ToList();
        Assert.Equal(20, speech.Count);
        Assert.All(speech, r => Assert.Equal(r.Body.Contains("text of a", StringComparison.Ordinal) ? KeyA : KeyB, r.Headers["X-Api-Key"]));
    }

    [Fact]
    public async Task MaxAccountsPerTenantRefusesOneMoreAccountWith402()
    {
        await using var gateway = await TestGateway.StartAsync(TtsCreateTests.ThreeAccounts(), settings: new Dictionary<string, string> { ["Gateway:MaxAccountsPerTenant"] = "1" });
        var other = gateway.Authorized((await gateway.CreateTokenAsync("second")).Token);
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync("a@example.com", "pa", 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync("a@example.com", "pa", 4)).StatusCode);
        var refused = await gateway.AddAccountAsync("b@example.com", "pb", 1);
        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        var body = await TestGateway.JsonAsync(refused);
        Assert.Equal(402, body["code"]!.GetValue<int>());
        Assert.Contains("Gateway__MaxAccountsPerTenant", body["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/v1/heygen/accounts", new { email = "b@example.com", password = "pb", maxJobs = 1 })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.DeleteAsync("/v1/heygen/accounts/a@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync("b@example.com", "pb", 1)).StatusCode);
    }
}

using System.Net;
using Mediagate.Mock.Faults;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;

namespace Mediagate.Server.Tests.HeyGenV3;

public sealed class V3PoolTests
{
    internal static async Task<TestGateway> ThreeAccountsAsync(int maxJobs, Dictionary<string, string>? settings = null, string? postgres = null)
    {
        var gateway = await TestGateway.StartAsync(TtsCreateTests.ThreeAccounts(), postgres, settings);
        foreach (var (email, password) in new[] { ("a@example.com", "pa"), ("b@example.com", "pb"), ("c@example.com", "pc") })
        {
            Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(email, password, maxJobs)).StatusCode);
        }
        return gateway;
    }

    /// <summary>Fails unless every account ran at most <paramref name="maxJobs"/> upstream calls at once, and some ran exactly that many.</summary>
    internal static void AssertMaxJobsHeld(TestGateway gateway, int maxJobs)
    {
        var sessions = gateway.Mock.State.MaxInFlight.Where(p => p.Key.StartsWith("mock_web_at_", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, sessions.Count);
        Assert.All(sessions, p => Assert.InRange(p.Value, 1, maxJobs));
        Assert.Contains(sessions, p => p.Value == maxJobs);
    }

    [Fact]
    public async Task SixtyConcurrentSpeechCallsWaitForSlotsAllSucceedAndNeverRunMoreThanMaxJobsPerAccount()
    {
        await using var gateway = await ThreeAccountsAsync(2);
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: null, DelayMs: 40));
        gateway.Mock.State.ClearRequests();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => V3Client.SpeakAsync(client, $"line {i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(60, gateway.Mock.State.Requests.Count(r => r.Path == "/v3/voices/speech"));
        AssertMaxJobsHeld(gateway, 2);
        var scheduler = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler"));
        Assert.Equal(0, scheduler["total"]!.GetValue<int>());
        Assert.All(scheduler["accounts"]!.AsObject(), a => Assert.Equal(0, a.Value!["running"]!.GetValue<int>()));
    }

    [Fact]
    public async Task WithNoWaitABusyPoolAnswers429WithRetryAfterInHeyGensShape()
    {
        await using var gateway = await ThreeAccountsAsync(1, new() { ["Gateway:SlotWaitSeconds"] = "0" });
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: null, DelayMs: 300));
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => V3Client.SpeakAsync(client, $"line {i}")));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var busy = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(9, busy.Count);
        Assert.All(busy, r => Assert.Equal(TimeSpan.FromSeconds(2), r.Headers.RetryAfter!.Delta));
        var body = await TestGateway.JsonAsync(busy[0]);
        Assert.Equal("rate_limit_exceeded", body["error"]!["code"]!.GetValue<string>());
        AssertMaxJobsHeld(gateway, 1);
    }

    [Fact]
    public async Task AWaitLongerThanSlotWaitSecondsEndsIn429()
    {
        await using var gateway = await ThreeAccountsAsync(1, new() { ["Gateway:SlotWaitSeconds"] = "0.3" });
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: 3, DelayMs: 3000));
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var holding = Enumerable.Range(0, 3).Select(i => V3Client.SpeakAsync(client, $"slow {i}")).ToList();
        await TtsCreateTests.WaitForAsync(async () => (await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler")))["total"]!.GetValue<int>() == 3);

        var late = await V3Client.SpeakAsync(client, "late");

        Assert.Equal(HttpStatusCode.TooManyRequests, late.StatusCode);
        Assert.Contains("Gateway__SlotWaitSeconds", (await TestGateway.JsonAsync(late))["error"]!["message"]!.GetValue<string>());
        Assert.All(await Task.WhenAll(holding), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task TheSchedulerShowsSpeechCallsWhileTheyRun()
    {
        await using var gateway = await ThreeAccountsAsync(1);
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: 2, DelayMs: 1500));
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var running = Enumerable.Range(0, 2).Select(i => V3Client.SpeakAsync(client, $"slow {i}")).ToList();

        await TtsCreateTests.WaitForAsync(async () => (await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler")))["total"]!.GetValue<int>() == 2);
        var scheduler = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler"));
        var verbs = scheduler["executing"]!.AsObject().SelectMany(p => p.Value!.AsArray()).Select(j => j!["verb"]!.GetValue<string>()).ToList();
        Assert.Equal(["v3-speech", "v3-speech"], verbs);
        var me = await V3Client.DataAsync(await V3Client.WithApiKey(gateway, gateway.Token).GetAsync("/v3/users/me"));
        Assert.Equal(2, me["mediagate"]!["capacity"]!["running"]!.GetValue<int>());
        Assert.Equal(1, me["mediagate"]!["capacity"]!["free"]!.GetValue<int>());
        Assert.All(await Task.WhenAll(running), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task ACallerThatGivesUpWhileWaitingLeavesTheLineAndNeverReachesHeyGen()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync(maxJobs: 1);
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: 1, DelayMs: 1500));
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var holding = V3Client.SpeakAsync(client, "holding the slot");
        await TtsCreateTests.WaitForAsync(async () => (await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler")))["total"]!.GetValue<int>() == 1);

        using (var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                client.PostAsync("/v3/voices/speech", System.Net.Http.Json.JsonContent.Create(new { text = "gave up", voice_id = V3Client.Marcia }), impatient.Token));
        }
        Assert.Equal(HttpStatusCode.OK, (await holding).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await V3Client.SpeakAsync(client, "next in line")).StatusCode);

        var spoken = gateway.Mock.State.Requests.Where(r => r.Path == "/v3/voices/speech").Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["text"]!.GetValue<string>());
        Assert.Equal(["holding the slot", "next in line"], spoken);
    }

    [Fact]
    public async Task ARejectedWebSessionIsRenewedAndTheSpeechSucceeds()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Status, 401));
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var response = await V3Client.SpeakAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, gateway.Mock.State.Requests.Count(r => r.Path == "/v1/web/login"));
        Assert.Equal(2, gateway.Mock.State.Requests.Count(r => r.Path == "/v3/voices/speech"));
    }

    [Fact]
    public async Task CallersWaitingForABusyAccountGetItFirstComeFirstServed()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync(maxJobs: 1);
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: null, DelayMs: 1000));
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var calls = new List<Task<HttpResponseMessage>> { V3Client.SpeakAsync(client, "holder") };
        await TtsCreateTests.WaitForAsync(async () => (await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler")))["total"]!.GetValue<int>() == 1);
        var waits = gateway.Service<Mediagate.Server.HeyGenV3.SlotWaits>();
        var tenant = (await gateway.Service<Mediagate.Server.Tokens.TokenStore>().VerifyAsync(gateway.Token, CancellationToken.None)).Caller!.TenantId;
        foreach (var (name, i) in new[] { "first", "second", "third" }.Select((n, i) => (n, i)))
        {
            calls.Add(V3Client.SpeakAsync(client, name));
            await TtsCreateTests.WaitForAsync(() => Task.FromResult(waits.Waiting(tenant) == i + 1));
        }

        Assert.All(await Task.WhenAll(calls), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var order = gateway.Mock.State.Requests.Where(r => r.Path == "/v3/voices/speech").Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["text"]!.GetValue<string>());
        Assert.Equal(["holder", "first", "second", "third"], order);
    }
}

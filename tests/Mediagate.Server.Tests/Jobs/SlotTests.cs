using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;

namespace Mediagate.Server.Tests.Jobs;

/// <summary><c>maxJobs</c> holds whatever happens to the account while its jobs run (finding 4 of issue 15).</summary>
public sealed class SlotTests
{
    private static async Task<JsonObject> SchedulerAsync(TestGateway gateway) => await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler"));

    [Fact]
    public async Task MaxJobsHoldsAcrossDeleteAndReAddAndTheDeletedAccountsJobFinishes()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 1)).StatusCode);
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: 1, DelayMs: 2000));
        var first = (await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create",
            new { voice_id = TtsCreateTests.Marcia, prompt = "running while deleted", async = true })))["jobid"]!.GetValue<string>();
        await TtsCreateTests.WaitForAsync(async () => (await SchedulerAsync(gateway))["total"]!.GetValue<int>() == 1);

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.DeleteAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 1)).StatusCode);
        var second = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "must wait" });
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(1, (await SchedulerAsync(gateway))["accounts"]![MockOptions.DefaultWebEmail]!["running"]!.GetValue<int>());

        await TtsCreateTests.WaitForAsync(async () => (await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{first}")))["status"]!.GetValue<string>() == "completed");
        var after = await SchedulerAsync(gateway);
        Assert.Equal(0, after["total"]!.GetValue<int>());
        Assert.Equal(0, after["accounts"]![MockOptions.DefaultWebEmail]!["running"]!.GetValue<int>());

        // Exactly one slot: one job runs, the next waits.
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: 1, DelayMs: 1500));
        Assert.Equal(HttpStatusCode.Created, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "one", async = true })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "two" })).StatusCode);
        await TtsCreateTests.WaitForAsync(async () => (await SchedulerAsync(gateway))["total"]!.GetValue<int>() == 0);
    }

    [Fact]
    public async Task ADeletedAccountsRunningJobFailsCleanlyWhenItsSessionMustBeRenewed()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 1)).StatusCode);
        // HeyGen rejects the session, and the re-login is slow: the account is deleted while the job logs in again.
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Status, 401, Times: 1));
        gateway.Mock.State.AddFault(new FaultRule("/v1/web/login", FaultKind.Latency, Times: 1, DelayMs: 1500));
        var job = (await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create",
            new { voice_id = TtsCreateTests.Marcia, prompt = "its session is rejected", async = true })))["jobid"]!.GetValue<string>();
        await TtsCreateTests.WaitForAsync(() => Task.FromResult(gateway.Mock.State.Requests.Count(r => r.Path == "/v1/web/login") == 2));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.DeleteAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")).StatusCode);

        await TtsCreateTests.WaitForAsync(async () => (await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{job}")))["status"]!.GetValue<string>() == "failed");
        var failed = await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{job}"));
        Assert.Equal(596, failed["code"]!.GetValue<int>());
        Assert.Contains("deleted", failed["error"]!.GetValue<string>());
        Assert.Equal(0, (await SchedulerAsync(gateway))["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "fresh" })).StatusCode);
    }

    [Fact]
    public async Task ConcurrentUpdatesOfABusyAccountKeepItsSlotCount()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 1)).StatusCode);
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: 1, DelayMs: 2000));
        Assert.Equal(HttpStatusCode.Created, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "busy", async = true })).StatusCode);
        await TtsCreateTests.WaitForAsync(async () => (await SchedulerAsync(gateway))["total"]!.GetValue<int>() == 1);

        var updates = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => i % 2 == 0
            ? gateway.AddAccountAsync(maxJobs: 1)
            : gateway.Client.DeleteAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")));
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 1)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "no" })).StatusCode);
        await TtsCreateTests.WaitForAsync(async () => (await SchedulerAsync(gateway))["total"]!.GetValue<int>() == 0);
        Assert.Equal(0, (await SchedulerAsync(gateway))["accounts"]![MockOptions.DefaultWebEmail]!["running"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "yes" })).StatusCode);
    }
}

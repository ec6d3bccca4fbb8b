using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock.Faults;
using Mediagate.Server.Jobs;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;

namespace Mediagate.Server.Tests.Jobs;

public sealed class AsyncJobTests
{
    [Fact]
    public async Task AsyncGets201AtOnceThenTheJobGoesFromStartedToCompleted()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, DelayMs: 800));
        var created = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "Later, please.", async = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await TestGateway.JsonAsync(created);
        var jobId = Assert.Single(body).Value!.GetValue<string>();
        Assert.Equal("jobid", body.Single().Key);

        var running = await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{jobId}"));
        Assert.Contains(running["status"]!.GetValue<string>(), new[] { "created", "started" });
        Assert.Null(running["response"]);

        var scheduler = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler"));
        Assert.Equal(1, scheduler["total"]!.GetValue<int>());
        var entry = scheduler["executing"]![Mediagate.Mock.MockOptions.DefaultWebEmail]!.AsArray().Single()!;
        Assert.Equal(jobId, entry["jobid"]!.GetValue<string>());
        Assert.Matches("^[0-9]{2}:[0-9]{2}$", entry["elapsed"]!.GetValue<string>());

        JsonObject done = running;
        await TtsCreateTests.WaitForAsync(async () =>
        {
            done = await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{jobId}"));
            return done["status"]!.GetValue<string>() == "completed";
        });
        Assert.Equal(["jobid", "verb", "status", "created", "updated", "email", "request", "response"], done.Select(p => p.Key));
        Assert.True(done["request"]!["async"]!.GetValue<bool>());
        Assert.Equal(["Later,", "please."], done["response"]!["word_timestamps"]!.AsArray().Select(w => w!["word"]!.GetValue<string>()));
        Assert.True(DateTimeOffset.Parse(done["updated"]!.GetValue<string>()) >= DateTimeOffset.Parse(done["created"]!.GetValue<string>()));
        Assert.Equal(0, (await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler")))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task AFailedAsyncJobRecordsItsErrorAndCode()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        var created = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = "unknown-voice", prompt = "x", async = true }));
        JsonObject job = created;
        await TtsCreateTests.WaitForAsync(async () =>
        {
            job = await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{created["jobid"]}"));
            return job["status"]!.GetValue<string>() == "failed";
        });
        Assert.Equal(400, job["code"]!.GetValue<int>());
        Assert.Contains("is not a Starfish voice", job["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task JobsArePrivateToTheTenantThatMadeThem()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        var body = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "mine" }));
        var other = gateway.Authorized((await gateway.CreateTokenAsync("other")).Token);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/heygen/jobs/{body["job_id"]}")).StatusCode);
        var colleague = gateway.Authorized((await gateway.CreateTokenAsync("colleague", tenant: "test")).Token);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync($"/v1/heygen/jobs/{body["job_id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/v1/heygen/jobs/jnothing")).StatusCode);
    }

    [Fact]
    public async Task JobsOlderThanTheRetentionAreDropped()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:JobRetentionSeconds"] = "1" });
        await gateway.AddAccountAsync();
        var body = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "short lived" }));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync($"/v1/heygen/jobs/{body["job_id"]}")).StatusCode);
        await TtsCreateTests.WaitForAsync(async () => (await gateway.Client.GetAsync($"/v1/heygen/jobs/{body["job_id"]}")).StatusCode == HttpStatusCode.NotFound);
    }
}

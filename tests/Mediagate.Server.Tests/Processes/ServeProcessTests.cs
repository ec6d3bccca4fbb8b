using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;
using Mediagate.Tests.Support;

namespace Mediagate.Server.Tests.Processes;

/// <summary>The gateway as users run it: <c>mediagate serve</c>, a real Kestrel listener on 127.0.0.1.</summary>
public sealed class ServeProcessTests : IDisposable
{
    private readonly TempHome _home = new();

    private string Data => Path.Combine(_home.Root, "data");

    [Fact]
    public async Task EveryEndpointAnswersOverRealKestrel()
    {
        await using var mock = await MockFixture.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync(Data, mock.BaseUrl);
        using var client = ProcessClient.For(gateway.Url, await ProcessClient.CreateTokenAsync(Data));
        using var anonymous = new HttpClient { BaseAddress = gateway.Url };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/heygen/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/heygen/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/v1/heygen/accounts", new { email = MockOptions.DefaultWebEmail, password = "wrong", maxJobs = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/heygen/accounts", new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword, maxJobs = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/heygen/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/heygen/tts/voices")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/heygen/tts/languages")).StatusCode);

        var sync = await client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "Over the wire." });
        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        var jobId = JsonNode.Parse(await sync.Content.ReadAsStringAsync())!["job_id"]!.GetValue<string>();
        Assert.Equal("completed", JsonNode.Parse(await client.GetStringAsync($"/v1/heygen/jobs/{jobId}"))!["status"]!.GetValue<string>());

        mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, DelayMs: 1500));
        var async = await client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "In the background.", async = true });
        Assert.Equal(HttpStatusCode.Created, async.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "Busy." })).StatusCode);
        Assert.Equal(1, JsonNode.Parse(await client.GetStringAsync("/v1/heygen/scheduler"))!["total"]!.GetValue<int>());

        var speech = await client.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "x", voice = "alloy" });
        Assert.Equal(HttpStatusCode.TooManyRequests, speech.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/no/such/route")).StatusCode);
    }

    [Fact]
    public async Task AfterKillNineAndRestartNoAccountIsLostRunningJobsAreFailedAndNoSlotLeaks()
    {
        await using var mock = await MockFixture.StartAsync();
        var port = GatewayProcess.FreePort();
        var token = await ProcessClient.CreateTokenAsync(Data);
        string[] jobs;
        await using (var first = await GatewayProcess.StartAsync(Data, mock.BaseUrl, port: port))
        {
            using var client = ProcessClient.For(first.Url, token);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/heygen/accounts", new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword, maxJobs = 2 })).StatusCode);
            mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: 2, DelayMs: 60_000));
            jobs = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i =>
                JsonNode.Parse(await (await client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = $"stuck {i}", async = true })).Content.ReadAsStringAsync())!["jobid"]!.GetValue<string>()));
            await TtsCreateTests.WaitForAsync(async () => JsonNode.Parse(await client.GetStringAsync("/v1/heygen/scheduler"))!["total"]!.GetValue<int>() == 2);
            await TtsCreateTests.WaitForAsync(() => Task.FromResult(mock.State.Requests.Count(r => r.Path == "/v3/voices/speech") == 2));
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "full" })).StatusCode);
            await first.KillAsync();
        }

        await using var second = await GatewayProcess.StartAsync(Data, mock.BaseUrl, port: port);
        using var after = ProcessClient.For(second.Url, token);
        var account = JsonNode.Parse(await after.GetStringAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}"))!;
        Assert.Equal(2, account["maxJobs"]!.GetValue<int>());
        var scheduler = JsonNode.Parse(await after.GetStringAsync("/v1/heygen/scheduler"))!;
        Assert.Equal(0, scheduler["total"]!.GetValue<int>());
        Assert.Equal(0, scheduler["accounts"]![MockOptions.DefaultWebEmail]!["running"]!.GetValue<int>());
        foreach (var jobId in jobs)
        {
            var job = JsonNode.Parse(await after.GetStringAsync($"/v1/heygen/jobs/{jobId}"))!;
            Assert.Equal("failed", job["status"]!.GetValue<string>());
            Assert.Contains("stopped before it finished", job["error"]!.GetValue<string>());
        }
        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => after.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = $"fresh {i}" })));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    public void Dispose() => _home.Dispose();
}

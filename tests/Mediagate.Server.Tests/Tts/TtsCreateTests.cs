using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.Tts;

public sealed class TtsCreateTests
{
    internal const string Marcia = "05f19352e8f74b0392a8f411eba40de1";

    internal static MockOptions ThreeAccounts(Dictionary<string, string>? passwords = null) => new()
    {
        WebAccounts = passwords ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["a@example.com"] = "pa",
            ["b@example.com"] = "pb",
            ["c@example.com"] = "pc",
        },
    };

    [Fact]
    public async Task ASyncCallAnswersWithAudioUrlDurationAndWordTimestampsFromHeyGen()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        var response = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "Sound for every frame.", speed = 120 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestGateway.JsonAsync(response);
        Assert.Equal(["audio_url", "duration", "is_pass", "job_id", "word_timestamps"], body.Select(p => p.Key));
        Assert.StartsWith(gateway.Mock.BaseUrl + "files/", body["audio_url"]!.GetValue<string>());
        Assert.InRange(body["duration"]!.GetValue<double>(), 0.5, 5);
        Assert.True(body["is_pass"]!.GetValue<bool>());
        var words = body["word_timestamps"]!.AsArray();
        Assert.Equal(["Sound", "for", "every", "frame."], words.Select(w => w!["word"]!.GetValue<string>()));
        Assert.All(words, w => Assert.True(w!["end"]!.GetValue<double>() >= w["start"]!.GetValue<double>()));

        var upstream = gateway.Mock.State.Requests.Single(r => r.Path == "/v3/voices/speech");
        var sent = JsonNode.Parse(upstream.Body)!;
        Assert.Equal(1.2, sent["speed"]!.GetValue<double>(), 3);
        Assert.StartsWith("Bearer mock_web_at_", upstream.Headers["Authorization"]);

        var job = await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{body["job_id"]}"));
        Assert.Equal("completed", job["status"]!.GetValue<string>());
        Assert.Equal("Sound for every frame.", job["request"]!["prompt"]!.GetValue<string>());
        Assert.Equal(body["audio_url"]!.GetValue<string>(), job["response"]!["audio_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task MultipartBodiesWorkToo()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var form = new MultipartFormDataContent { { new StringContent(Marcia), "voice_id" }, { new StringContent("Hello there."), "prompt" }, { new StringContent("90"), "speed" } };
        var response = await gateway.Client.PostAsync("/v1/heygen/tts/create", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0.9, JsonNode.Parse(gateway.Mock.State.Requests.Single(r => r.Path == "/v3/voices/speech").Body)!["speed"]!.GetValue<double>(), 3);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"prompt":"hi"}""", "voice_id is required" },
        { $$"""{"voice_id":"{{Marcia}}"}""", "prompt is required" },
        { $$"""{"voice_id":"{{Marcia}}","prompt":"   "}""", "prompt is required" },
        { $$"""{"voice_id":"{{Marcia}}","prompt":"{{new string('a', 5001)}}"}""", "prompt must be at most 5000 characters (got 5001)" },
        { $$"""{"voice_id":"{{Marcia}}","prompt":"hi","speed":49}""", "speed must be a number from 50 to 150 (got 49)" },
        { $$"""{"voice_id":"{{Marcia}}","prompt":"hi","speed":151}""", "speed must be a number from 50 to 150 (got 151)" },
        { $$"""{"voice_id":"{{Marcia}}","prompt":"hi","pitch":-101}""", "pitch must be a number from -100 to 100 (got -101)" },
        { $$"""{"voice_id":"{{Marcia}}","prompt":"hi","volume":101}""", "volume must be a number from 0 to 100 (got 101)" },
        { $$"""{"voice_id":"{{Marcia}}","prompt":"hi","engine":"robot"}""", "engine must be one of auto, aws, azure, elevenLabs, elevenLabsV3, fish, google, openai, openaiEmo, panda, starfish (got 'robot')" },
        { $$"""{"voice_id":"{{Marcia}}","prompt":"hi","replyUrl":"http://x/{{new string('a', 1030)}}"}""", "replyUrl is too long" },
        { $$"""{"voice_id":"{{Marcia}}","prompt":"hi","replyUrl":"ftp://example.com/"}""", "replyUrl must be an absolute http(s) URL (got 'ftp://example.com/')" },
        { $$"""{"voice_id":"{{Marcia}}","prompt":"hi","async":"maybe"}""", "async must be true or false" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task ABadFieldGets400NamingIt(string body, string error)
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        var response = await gateway.Client.PostAsync("/v1/heygen/tts/create", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, (await TestGateway.JsonAsync(response))["error"]!.GetValue<string>());
        Assert.DoesNotContain(gateway.Mock.State.Requests, r => r.Path == "/v3/voices/speech");
    }

    [Fact]
    public async Task VoiceDependentFieldsAreCheckedAgainstTheVoice()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        async Task<string> ErrorOf(object body)
        {
            var response = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await TestGateway.JsonAsync(response))["error"]!.GetValue<string>();
        }
        Assert.StartsWith("language_code 'xx' is not one of GET /v1/heygen/tts/languages: ", await ErrorOf(new { voice_id = Marcia, prompt = "hi", language_code = "xx" }));
        Assert.Equal($"engine elevenLabs is not available for voice {Marcia}; its voice_engines are: starfish", await ErrorOf(new { voice_id = Marcia, prompt = "hi", engine = "elevenLabs" }));
        Assert.StartsWith("Invalid emotion (angry)", await ErrorOf(new { voice_id = Marcia, prompt = "hi", emotion = "angry" }));
        Assert.Contains("is not a Starfish voice", await ErrorOf(new { voice_id = "nope", prompt = "hi" }));
        var ok = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "hi", language_code = "en", engine = "starfish" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task WithoutAnyAccountTheCallGets404SayingHowToAddOne()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "hi" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("POST /v1/heygen/accounts", (await TestGateway.JsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task WhenEverySlotIsBusyTheCallGets429WithTheUseapiBody()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync(maxJobs: 1);
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, DelayMs: 1500));
        var slow = gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "slow one" });
        await WaitForAsync(async () => (await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler")))["total"]!.GetValue<int>() == 1);
        var busy = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "fast one" });
        Assert.Equal(HttpStatusCode.TooManyRequests, busy.StatusCode);
        var body = await TestGateway.JsonAsync(busy);
        Assert.Equal(429, body["code"]!.GetValue<int>());
        Assert.Contains("retry", body["error"]!.GetValue<string>());

        var byEmail = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "fast one", email = MockOptions.DefaultWebEmail });
        Assert.Equal(HttpStatusCode.TooManyRequests, byEmail.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await slow).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "after" })).StatusCode);
    }

    [Fact]
    public async Task WithoutEmailTheAccountIsPickedAtRandomAndWithEmailThatAccountIsUsed()
    {
        await using var gateway = await TestGateway.StartAsync(ThreeAccounts());
        foreach (var (email, password) in new[] { ("a@example.com", "pa"), ("b@example.com", "pb"), ("c@example.com", "pc") })
        {
            Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(email, password, 2)).StatusCode);
        }
        var used = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var body = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "pick " + i }));
            used.Add((await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{body["job_id"]}")))["email"]!.GetValue<string>());
        }
        Assert.Equal(["a@example.com", "b@example.com", "c@example.com"], used.Distinct().Order());

        for (var i = 0; i < 3; i++)
        {
            var body = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "b only " + i, email = "B@example.com" }));
            Assert.Equal("b@example.com", (await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{body["job_id"]}")))["email"]!.GetValue<string>());
        }
        var unknown = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "x", email = "z@example.com" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task TwoHundredConcurrentCallsOnSqliteNeverRunMoreThanMaxJobsPerAccountAndGiveEverySlotBack()
    {
        await using var gateway = await TestGateway.StartAsync(ThreeAccounts());
        foreach (var (email, password) in new[] { ("a@example.com", "pa"), ("b@example.com", "pb"), ("c@example.com", "pc") })
        {
            Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(email, password, 2)).StatusCode);
        }
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: null, DelayMs: 25));
        gateway.Mock.State.ClearRequests();
        var batchesBefore = gateway.Store.Writes.Batches;

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = $"call {i % 5}" })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.All(statuses, s => Assert.True(s is 200 or 429, $"unexpected status {s}"));
        var succeeded = statuses.Count(s => s == 200);
        Assert.InRange(succeeded, 6, 199);
        Assert.Equal(succeeded, gateway.Mock.State.Requests.Count(r => r.Path == "/v3/voices/speech"));
        var sessions = gateway.Mock.State.MaxInFlight.Where(p => p.Key.StartsWith("mock_web_at_", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, sessions.Count);
        Assert.All(sessions, p => Assert.InRange(p.Value, 1, 2));
        // 200 takes and one release per success: requests arriving together share transactions.
        Assert.InRange(gateway.Store.Writes.Batches - batchesBefore, 1, 200 + succeeded - 1);
        var scheduler = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler"));
        Assert.Equal(0, scheduler["total"]!.GetValue<int>());
        Assert.All(scheduler["accounts"]!.AsObject(), a => Assert.Equal(0, a.Value!["running"]!.GetValue<int>()));
    }

    [Fact]
    public async Task UpstreamFailuresMapToUseapiStatusesAndGiveTheSlotBack()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync(maxJobs: 1);
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Status, 402));
        var credits = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "no credits" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, credits.StatusCode);
        var job = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler"));
        Assert.Equal(0, job["total"]!.GetValue<int>());
        Assert.Equal(0, job["accounts"]![MockOptions.DefaultWebEmail]!["running"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Marcia, prompt = "fine" })).StatusCode);
    }

    internal static async Task WaitForAsync(Func<Task<bool>> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in time");
            await Task.Delay(50);
        }
    }
}

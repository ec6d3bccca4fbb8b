using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;

namespace Mediagate.Server.Tests.Jobs;

public sealed class WebhookTests
{
    /// <summary>Receivers in these tests are on 127.0.0.1, which only a development setting lets through.</summary>
    internal static readonly Dictionary<string, string> PrivateHooks = new() { ["Gateway:AllowPrivateWebhooks"] = "true" };

    [Fact]
    public async Task TheFinishedJobIsPostedSignedAndRetriedWithEveryAttemptRecorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var gateway = await TestGateway.StartAsync(settings: PrivateHooks);
        await gateway.AddAccountAsync();
        var token = await gateway.CreateTokenAsync("hooks", tenant: "test");
        var client = gateway.Authorized(token.Token);
        var created = await TestGateway.JsonAsync(await client.PostAsJsonAsync("/v1/heygen/tts/create", new
        {
            voice_id = TtsCreateTests.Marcia,
            prompt = "Call me back.",
            async = true,
            replyUrl = receiver.Url + "hook",
            replyRef = "order-17",
        }));
        var jobId = created["jobid"]!.GetValue<string>();
        await TtsCreateTests.WaitForAsync(() => Task.FromResult(receiver.Received.Count >= 3));

        foreach (var delivery in receiver.Received)
        {
            Assert.True(VerifiesAsStripeDoes(token.WebhookSecret, delivery.Header("X-Mediagate-Signature"), delivery.Body, TimeSpan.FromMinutes(5)),
                $"the signature '{delivery.Header("X-Mediagate-Signature")}' does not verify");
        }
        var delivered = receiver.Received.Last();
        var payload = JsonNode.Parse(delivered.Body)!;
        Assert.Equal(jobId, payload["jobid"]!.GetValue<string>());
        Assert.Equal("completed", payload["status"]!.GetValue<string>());
        Assert.Equal("order-17", payload["replyRef"]!.GetValue<string>());
        Assert.NotNull(payload["response"]!["audio_url"]);

        JsonObject job = created;
        await TtsCreateTests.WaitForAsync(async () =>
        {
            job = await TestGateway.JsonAsync(await client.GetAsync($"/v1/heygen/jobs/{jobId}"));
            return job["webhook"]?["state"]?.GetValue<string>() == "delivered";
        });
        var attempts = job["webhook"]!["attempts"]!.AsArray();
        Assert.Equal([500, 500, 200], attempts.Select(a => a!["status"]!.GetValue<int>()));
        Assert.Equal([1, 2, 3], attempts.Select(a => a!["attempt"]!.GetValue<int>()));
        Assert.Equal("the receiver answered 500", attempts[0]!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheSignatureCarriesItsTimeSoAReplayLaterThanTheToleranceFails()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var gateway = await TestGateway.StartAsync(settings: PrivateHooks);
        await gateway.AddAccountAsync();
        var token = await gateway.CreateTokenAsync("replay", tenant: "test");
        await gateway.Authorized(token.Token).PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "once", replyUrl = receiver.Url + "hook" });
        await TtsCreateTests.WaitForAsync(() => Task.FromResult(!receiver.Received.IsEmpty));

        var delivery = receiver.Received.Single();
        var header = delivery.Header("X-Mediagate-Signature");
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", header);
        var sent = long.Parse(header[2..header.IndexOf(',')], CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - sent, -5, 60);
        Assert.True(VerifiesAsStripeDoes(token.WebhookSecret, header, delivery.Body, TimeSpan.FromMinutes(5)));
        Assert.False(VerifiesAsStripeDoes(token.WebhookSecret, header, delivery.Body, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddMinutes(6)));
        Assert.False(VerifiesAsStripeDoes(token.WebhookSecret, header.Replace("t=", "t=1"), delivery.Body, TimeSpan.FromDays(100_000)));
    }

    [Fact]
    public async Task AWebhookThatNeverSucceedsIsMarkedFailedAfterTheLastAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 100);
        await using var gateway = await TestGateway.StartAsync(settings: PrivateHooks);
        await gateway.AddAccountAsync();
        var body = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "sync with hook", replyUrl = receiver.Url + "hook" }));
        Assert.NotNull(body["audio_url"]);
        var job = await WaitForWebhookAsync(gateway, body["job_id"]!.GetValue<string>(), "failed");
        Assert.Equal(4, job["webhook"]!["attempts"]!.AsArray().Count);
        Assert.Equal(4, receiver.Received.Count);
    }

    [Fact]
    public async Task ARedirectIsNotFollowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var gateway = await TestGateway.StartAsync(settings: PrivateHooks);
        await gateway.AddAccountAsync();
        var body = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "bounce", replyUrl = receiver.Url + "redirect" }));
        var job = await WaitForWebhookAsync(gateway, body["job_id"]!.GetValue<string>(), "failed");
        Assert.All(job["webhook"]!["attempts"]!.AsArray(), a => Assert.Equal(307, a!["status"]!.GetValue<int>()));
        Assert.All(receiver.Received, r => Assert.Equal("/redirect", r.Path));
    }

    [Fact]
    public async Task AttemptRecordsNameTheKindOfFailureNotTheAddressOrThePort()
    {
        var closed = GatewayProcess.FreePort();
        await using var gateway = await TestGateway.StartAsync(settings: PrivateHooks);
        await gateway.AddAccountAsync();
        var body = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "nobody home", replyUrl = $"http://127.0.0.1:{closed}/hook" }));
        var job = await WaitForWebhookAsync(gateway, body["job_id"]!.GetValue<string>(), "failed");
        foreach (var attempt in job["webhook"]!["attempts"]!.AsArray())
        {
            var error = attempt!["error"]!.GetValue<string>();
            Assert.Equal("could not connect", error);
            Assert.DoesNotContain(closed.ToString(CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AReceiverThatNeverAnswersDelaysOnlyItsOwnDeliveries()
    {
        using var dead = new TcpListener(System.Net.IPAddress.Loopback, 0);
        dead.Start(); // Accepts connections into its backlog and never answers them.
        var deadUrl = $"http://127.0.0.1:{((System.Net.IPEndPoint)dead.LocalEndpoint).Port}/hook";
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var gateway = await TestGateway.StartAsync(settings: PrivateHooks);
        await gateway.AddAccountAsync(maxJobs: 10);
        for (var i = 0; i < 20; i++)
        {
            var stuck = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = $"stuck {i}", replyUrl = deadUrl });
            Assert.True(stuck.IsSuccessStatusCode, await stuck.Content.ReadAsStringAsync());
        }
        await Task.Delay(200); // The dead receiver's deliveries are under way.
        var started = DateTime.UtcNow;
        var healthy = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "healthy", replyUrl = receiver.Url + "hook" });
        Assert.True(healthy.IsSuccessStatusCode, await healthy.Content.ReadAsStringAsync());
        await TtsCreateTests.WaitForAsync(() => Task.FromResult(!receiver.Received.IsEmpty));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), $"the healthy receiver waited {DateTime.UtcNow - started} behind the dead one");
    }

    internal static async Task<JsonObject> WaitForWebhookAsync(TestGateway gateway, string jobId, string state)
    {
        JsonObject job = [];
        await TtsCreateTests.WaitForAsync(async () =>
        {
            job = await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{jobId}"));
            return job["webhook"]?["state"]?.GetValue<string>() == state;
        });
        return job;
    }

    /// <summary>A receiver's check, written from Stripe's documentation rather than from the gateway's code.</summary>
    internal static bool VerifiesAsStripeDoes(string secret, string header, byte[] body, TimeSpan tolerance, DateTimeOffset? now = null)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToLookup(p => p[0], p => p[1]);
        if (!long.TryParse(parts["t"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
        {
            return false;
        }
        if (Math.Abs((now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() - t) > tolerance.TotalSeconds)
        {
            return false;
        }
        byte[] signed = [.. Encoding.UTF8.GetBytes(t.ToString(CultureInfo.InvariantCulture) + "."), .. body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return parts["v1"].Any(v => CryptographicOperations.FixedTimeEquals(Convert.FromHexString(v.Length == 64 ? v : new string('0', 64)), expected));
    }
}

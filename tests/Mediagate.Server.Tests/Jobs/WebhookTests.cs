using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Server.Jobs;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Tests.Jobs;

public sealed class WebhookTests
{
    [Fact]
    public async Task TheFinishedJobIsPostedSignedAndRetriedWithEveryAttemptRecorded()
    {
        await using var receiver = await Receiver.StartAsync(failFirst: 2);
        await using var gateway = await TestGateway.StartAsync();
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

        var delivered = receiver.Received.Last();
        Assert.Equal(WebhookSender.Sign(token.WebhookSecret, delivered.Body), delivered.Signature);
        Assert.All(receiver.Received, r => Assert.Equal(delivered.Signature, r.Signature));
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
    public async Task AWebhookThatNeverSucceedsIsMarkedFailedAfterTheLastAttempt()
    {
        await using var receiver = await Receiver.StartAsync(failFirst: 100);
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        var body = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "sync with hook", replyUrl = receiver.Url + "hook" }));
        Assert.NotNull(body["audio_url"]);
        JsonObject job = body;
        await TtsCreateTests.WaitForAsync(async () =>
        {
            job = await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{body["job_id"]}"));
            return job["webhook"]?["state"]?.GetValue<string>() == "failed";
        });
        Assert.Equal(4, job["webhook"]!["attempts"]!.AsArray().Count);
        Assert.Equal(4, receiver.Received.Count);
    }

    private sealed record Delivery(string Signature, byte[] Body);

    /// <summary>A webhook receiver on 127.0.0.1 that answers 500 to the first N posts, then 200.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        public ConcurrentQueue<Delivery> Received { get; } = new();

        public static async Task<Receiver> StartAsync(int failFirst)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            Receiver? self = null;
            app.MapPost("/hook", async (HttpRequest request) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer);
                self!.Received.Enqueue(new Delivery(request.Headers[WebhookSender.SignatureHeader].ToString(), buffer.ToArray()));
                return self.Received.Count <= failFirst ? Results.StatusCode(500) : Results.Ok();
            });
            await app.StartAsync();
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
            self = new Receiver(app, url);
            return self;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.HeyGenV3;
using Mediagate.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Tests.Review;

/// <summary>
/// Security review of issue #19 (h-gateway). Each test asserts the SAFE behaviour, so each one FAILS on h-gateway as reviewed
/// and passes once its finding is fixed.
/// </summary>
public sealed class Review19Tests : IDisposable
{
    private readonly TempHome _home = new();

    private string Data => Path.Combine(_home.Root, "data");

    private static object CloneBody(string name) => new
    {
        voice_name = name,
        audio = new { type = "base64", media_type = "audio/wav", data = Convert.ToBase64String(Samples.Wav(1.5)) },
    };

    /// <summary>
    /// R1: clone ownership fails open. Two `serve` processes on one data directory; tenants A and B pool the same HeyGen account
    /// (the case V3TenancyTests covers in one process). B's process read its 2 s clone snapshot just before A cloned on the other
    /// process, so A's clone id is "unknown" there, and an unknown id is forwarded to B's pooled account: B reads, speaks with and
    /// deletes A's clone.
    /// </summary>
    [Fact]
    public async Task R1_TenantBCannotUseReadOrDeleteTenantAsFreshCloneThroughAnotherProcess()
    {
        await using var mock = await MockFixture.StartAsync();
        await using var p1 = await GatewayProcess.StartAsync(Data, mock.BaseUrl);
        await using var p2 = await GatewayProcess.StartAsync(Data, mock.BaseUrl);
        var tokenA = await ProcessClient.CreateTokenAsync(Data, name: "tenant-a");
        var tokenB = await ProcessClient.CreateTokenAsync(Data, name: "tenant-b");
        foreach (var (gateway, token) in new[] { (p1, tokenA), (p2, tokenB) })
        {
            using var admin = ProcessClient.For(gateway.Url, token);
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/heygen/accounts", new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword, maxJobs = 2 })).StatusCode);
        }
        using var a = V3(p1.Url, tokenA);
        using var b = V3(p2.Url, tokenB);

        // B's process reads the clone table now (any clone lookup does).
        await b.GetAsync("/v3/voices/warm-up");
        var created = await a.PostAsJsonAsync("/v3/voices/clone", CloneBody("a-private-voice"));
        var cloneId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["data"]!["voice_clone_id"]!.GetValue<string>();

        var read = await b.GetAsync($"/v3/voices/{cloneId}");
        var spoken = await b.PostAsJsonAsync("/v3/voices/speech", new { text = "Borrowed voice.", voice_id = cloneId });
        var deleted = await b.DeleteAsync($"/v3/voices/{cloneId}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (read.StatusCode, spoken.StatusCode, deleted.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/v3/voices/{cloneId}")).StatusCode);
    }

    /// <summary>
    /// R2: one media cache for every tenant, with no per-tenant share. B makes ids of its own (cheap: each one costs the cache
    /// 1 KiB before anyone downloads) until A's freshly made speech is evicted; A's audio_url then answers 410.
    /// </summary>
    [Fact]
    public async Task R2_TenantBCannotEvictTenantAsMediaFromTheCache()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:MediaCacheBytes"] = "200000" });
        await gateway.AddAccountAsync(maxJobs: 4);
        using var a = V3Client.WithApiKey(gateway, gateway.Token);
        var audio = new Uri((await V3Client.DataAsync(await V3Client.SpeakAsync(a, "Tenant A's words.")))["audio_url"]!.GetValue<string>());
        using var anonymous = gateway.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(audio.PathAndQuery)).StatusCode);

        var other = await gateway.CreateTokenAsync("tenant-b");
        using var bAdmin = gateway.Authorized(other.Token);
        Assert.Equal(HttpStatusCode.Created, (await bAdmin.PostAsJsonAsync("/v1/heygen/accounts", new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword, maxJobs = 4 })).StatusCode);
        using var b = V3Client.WithApiKey(gateway, other.Token);
        for (var i = 0; i < 220; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await V3Client.SpeakAsync(b, $"Filler line {i}.")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(audio.PathAndQuery)).StatusCode);
    }

    /// <summary>
    /// R3: another tenant's clone id is told apart from an unknown id: the foreign one is refused before a job exists (no
    /// X-Mediagate-Job-Id, nothing metered), the unknown one runs as a job upstream.
    /// </summary>
    [Fact]
    public async Task R3_AForeignCloneIdAnswersExactlyAsAnUnknownId()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var a = V3Client.WithApiKey(gateway, gateway.Token);
        var cloneId = (await V3Client.DataAsync(await a.PostAsJsonAsync("/v3/voices/clone", CloneBody("a-voice"))))["voice_clone_id"]!.GetValue<string>();
        var other = await gateway.CreateTokenAsync("tenant-b");
        using var bAdmin = gateway.Authorized(other.Token);
        await bAdmin.PostAsJsonAsync("/v1/heygen/accounts", new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword, maxJobs = 1 });
        using var b = V3Client.WithApiKey(gateway, other.Token);

        var foreign = await V3Client.SpeakAsync(b, "x", cloneId);
        var unknown = await V3Client.SpeakAsync(b, "x", "0000000000000000000000000000dead");

        Assert.Equal(unknown.StatusCode, foreign.StatusCode);
        Assert.Equal(unknown.Headers.Contains("X-Mediagate-Job-Id"), foreign.Headers.Contains("X-Mediagate-Job-Id"));
    }

    /// <summary>
    /// R4: the media endpoint fetches whatever absolute http(s) URL an upstream answer names in any *_url member (here a
    /// loopback address), and serves it from the gateway's own origin with the upstream Content-Type (text/html), without
    /// X-Content-Type-Options: nosniff or Content-Disposition: stored XSS / SSRF as soon as any upstream answer carries a URL
    /// the gateway did not expect.
    /// </summary>
    [Fact]
    public async Task R4_MediaIsOnlyFetchedFromUpstreamMediaHostsAndNeverServedAsHtml()
    {
        await using var stub = await StubUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:HeyGenApiUrl"] = stub.BaseUrl.ToString() });
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync()).StatusCode);
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var speech = await V3Client.SpeakAsync(client);
        Assert.Equal(HttpStatusCode.OK, speech.StatusCode);
        var audio = new Uri((await V3Client.DataAsync(speech))["audio_url"]!.GetValue<string>());
        using var anonymous = gateway.Anonymous();

        var media = await anonymous.GetAsync(audio.PathAndQuery);

        var served = (media.StatusCode, media.Content.Headers.ContentType?.MediaType, await media.Content.ReadAsStringAsync());
        Assert.False(stub.InternalFetched, $"the gateway fetched an internal URL named by the upstream answer and served {served}");
        Assert.NotEqual("text/html", served.MediaType);
        Assert.Contains("nosniff", media.Headers.TryGetValues("X-Content-Type-Options", out var sniff) ? string.Join(",", sniff) : "");
    }

    /// <summary>
    /// R5: HeyGen's 403 for a refused operation ("Public voices cannot be deleted") is read as "the key was rejected": one
    /// DELETE of a public voice takes an API-key account out of service (state failed, every later call 503) until an admin
    /// re-adds it; on a web account the same request forces a fresh HeyGen login each time.
    /// </summary>
    [Fact]
    public async Task R5_ARefusedDeleteOfAPublicVoiceDoesNotTakeTheAccountOutOfService()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await gateway.Client.PostAsJsonAsync("/v1/heygen/accounts", new { apiKey = MockOptions.DefaultHeyGenKey, maxJobs = 2 })).StatusCode);
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var deleted = await client.DeleteAsync($"/v3/voices/{V3Client.Marcia}");
        var state = (await V3Client.DataAsync(await client.GetAsync("/v3/users/me")))["mediagate"]!["accounts"]![0]!["state"]!.GetValue<string>();
        var speech = await V3Client.SpeakAsync(client);

        Assert.Equal((HttpStatusCode.Forbidden, "ready", HttpStatusCode.OK), (deleted.StatusCode, state, speech.StatusCode));
    }

    private static HttpClient V3(Uri gateway, string token)
    {
        var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Add("X-Api-Key", token);
        return client;
    }

    public void Dispose() => _home.Dispose();

    /// <summary>A HeyGen API stand-in whose speech answer names an "internal" HTML page as its audio_url.</summary>
    private sealed class StubUpstream : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private volatile bool _internalFetched;

        private StubUpstream(WebApplication app) => _app = app;

        public Uri BaseUrl { get; private set; } = null!;

        public bool InternalFetched => _internalFetched;

        public static async Task<StubUpstream> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var stub = new StubUpstream(app);
            app.MapPost("/v3/voices/speech", () => Results.Json(new JsonObject
            {
                ["data"] = new JsonObject { ["audio_url"] = new Uri(stub.BaseUrl, "internal/admin").ToString(), ["duration"] = 1.0 },
            }));
            app.MapGet("/internal/admin", () =>
            {
                stub._internalFetched = true;
                return Results.Text("<html><script>fetch('/v1/heygen/accounts')</script>internal-only</html>", "text/html");
            });
            app.MapFallback(() => Results.Json(new JsonObject { ["data"] = new JsonObject() }));
            await app.StartAsync();
            stub.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
            return stub;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Mediagate.Server.HeyGenV3;
using Mediagate.Server.Tests.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Tests.HeyGenV3;

/// <summary>What the media endpoint fetches and how it serves it: HeyGen's media hosts only, never as a page of the gateway's origin.</summary>
public sealed class MediaOriginTests
{
    [Fact]
    public async Task MediaAnUpstreamAnswerNamesOnAnotherHostIsNeverFetchedNorNamedToTheClient()
    {
        await using var inside = await Stub.StartAsync(null);
        await using var upstream = await Stub.StartAsync(new Uri(inside.BaseUrl, "internal/admin"));
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:HeyGenApiUrl"] = upstream.BaseUrl.ToString() });
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync()).StatusCode);
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var speech = await V3Client.SpeakAsync(client);

        Assert.Equal(HttpStatusCode.BadGateway, speech.StatusCode);
        Assert.DoesNotContain(inside.BaseUrl.Authority, await speech.Content.ReadAsStringAsync());
        Assert.False(inside.Fetched);
    }

    [Fact]
    public async Task MediaThatIsNotAudioIsServedAsAnOpaqueAttachmentThatNoBrowserRuns()
    {
        await using var upstream = await Stub.StartAsync(null);
        upstream.Audio = new Uri(upstream.BaseUrl, "internal/admin");
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:HeyGenApiUrl"] = upstream.BaseUrl.ToString() });
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync()).StatusCode);
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var audio = new Uri((await V3Client.DataAsync(await V3Client.SpeakAsync(client)))["audio_url"]!.GetValue<string>());
        using var anonymous = gateway.Anonymous();

        var media = await anonymous.GetAsync(audio.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal("application/octet-stream", media.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", media.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("sandbox", string.Join(",", media.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("attachment", media.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task AudioFromTheMockIsServedAsAudioUnderTheSameGuards()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var audio = new Uri((await V3Client.DataAsync(await V3Client.SpeakAsync(client)))["audio_url"]!.GetValue<string>());
        using var anonymous = gateway.Anonymous();

        var media = await anonymous.GetAsync(audio.PathAndQuery);

        Assert.StartsWith("audio/", media.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("nosniff", "sandbox", "inline"), (string.Join(",", media.Headers.GetValues("X-Content-Type-Options")),
            string.Join(",", media.Headers.GetValues("Content-Security-Policy")), media.Content.Headers.ContentDisposition?.DispositionType));
    }

    [Theory]
    [InlineData("https://resource2.heygen.ai/audio/x.mp3?sig=1", true)]
    [InlineData("https://heygen.com/a.mp3", true)]
    [InlineData("http://resource2.heygen.ai/audio/x.mp3", false)]
    [InlineData("https://resource2.heygen.ai:8443/x.mp3", false)]
    [InlineData("https://evilheygen.ai/x.mp3", false)]
    [InlineData("https://heygen.ai.example.com/x.mp3", false)]
    [InlineData("http://169.254.169.254/latest/meta-data", false)]
    [InlineData("http://127.0.0.1:9/upstream-api-but-another-port", false)]
    [InlineData("http://127.0.0.1:8080/v3/media/abc", true)]
    public void MediaIsFetchedOnlyFromHeyGensMediaHostsOrTheConfiguredUpstreamsOwnOrigin(string url, bool allowed)
    {
        var options = new GatewayOptions { DataDirectory = "/tmp", HeyGenApiUrl = new Uri("http://127.0.0.1:8080/"), HeyGenWebUrl = new Uri("http://127.0.0.1:8080/") };
        var hosts = new MediaHosts(options, new Mediagate.Server.Jobs.SystemHostResolver());

        Assert.Equal(allowed, hosts.Allows(new Uri(url)));
    }

    /// <summary>A HeyGen API stand-in whose speech answer names <see cref="Audio"/> as its audio_url, and which serves an HTML page.</summary>
    private sealed class Stub : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private volatile bool _fetched;

        private Stub(WebApplication app, Uri? audio)
        {
            _app = app;
            Audio = audio;
        }

        public Uri BaseUrl { get; private set; } = null!;

        public Uri? Audio { get; set; }

        public bool Fetched => _fetched;

        public static async Task<Stub> StartAsync(Uri? audio)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var stub = new Stub(app, audio);
            app.MapPost("/v3/voices/speech", () => Results.Json(new JsonObject
            {
                ["data"] = new JsonObject { ["audio_url"] = stub.Audio?.ToString(), ["duration"] = 1.0 },
            }));
            app.MapGet("/internal/admin", () =>
            {
                stub._fetched = true;
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

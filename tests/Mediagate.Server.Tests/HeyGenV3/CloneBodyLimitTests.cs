using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mediagate.Mock;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.HeyGenV3;

/// <summary>
/// Large clone bodies are bounded before they are read: a tenant (and the gateway) takes only so many at once, so concurrent
/// 32 MiB bodies cannot grow memory with the number of callers. A clone held at HeyGen (a latency fault) keeps its turn; the
/// refused request's body is not JSON at all, so a 429 rather than a 400 shows it was refused before it was read.
/// </summary>
public sealed class CloneBodyLimitTests
{
    [Fact]
    public async Task ACloneBodyBeyondTheTenantsConcurrentShareIsRefusedBeforeItIsRead()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:LargeBodiesPerTenant"] = "1" });
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var first = HoldAsync(gateway, client);
        await AtHeyGenAsync(gateway);

        var second = await client.PostAsync("/v3/voices/clone", new StringContent("not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("rate_limit_exceeded", (await TestGateway.JsonAsync(second))["error"]!["code"]!.GetValue<string>());
        Assert.True(second.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await first.WaitAsync(TimeSpan.FromSeconds(20))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v3/voices/clone", new StringContent(Body("after"), Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task ACloneBodyBeyondTheGatewaysConcurrentShareIsRefusedForAnyTenant()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:LargeBodies"] = "1" });
        await gateway.AddAccountAsync();
        var other = await gateway.CreateTokenAsync("tenant-b");
        using var a = V3Client.WithApiKey(gateway, gateway.Token);
        using var b = V3Client.WithApiKey(gateway, other.Token);
        var first = HoldAsync(gateway, a);
        await AtHeyGenAsync(gateway);

        var second = await b.PostAsync("/v3/voices/clone", new StringContent("not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.WaitAsync(TimeSpan.FromSeconds(20))).StatusCode);
    }

    [Theory]
    [InlineData("not base64 at all!", HttpStatusCode.BadRequest)]
    [InlineData("QUJD=", HttpStatusCode.BadRequest)]
    public async Task ASampleThatIsNotBase64IsRefusedWith400(string data, HttpStatusCode expected)
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var answer = await client.PostAsJsonAsync("/v3/voices/clone", new { voice_name = "v", audio = new { type = "base64", media_type = "audio/wav", data } });

        Assert.Equal(expected, answer.StatusCode);
        Assert.Contains("base64", (await TestGateway.JsonAsync(answer))["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACloneRequestDeclaredLargerThanTheLimitIsRefusedWith413BeforeItIsRead()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var held = new HeldBody("{}") { Declared = Mediagate.Server.HeyGenV3.CloneSample.MaxBodyBytes + 1 };

        var answer = await client.PostAsync("/v3/voices/clone", held);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Equal("payload_too_large", (await TestGateway.JsonAsync(answer))["error"]!["code"]!.GetValue<string>());
    }

    /// <summary>Sends a clone that HeyGen answers only after two seconds.</summary>
    private static Task<HttpResponseMessage> HoldAsync(TestGateway gateway, HttpClient client)
    {
        gateway.Mock.State.AddFault(new Mediagate.Mock.Faults.FaultRule("/v3/voices/clone", Mediagate.Mock.Faults.FaultKind.Latency, Times: 1, DelayMs: 2000));
        return client.PostAsync("/v3/voices/clone", new StringContent(Body("held"), Encoding.UTF8, "application/json"));
    }

    /// <summary>Waits until the held clone has reached the mock.</summary>
    private static async Task AtHeyGenAsync(TestGateway gateway)
    {
        for (var i = 0; i < 200 && !gateway.Mock.State.Requests.Any(r => r.Path == "/v3/voices/clone"); i++)
        {
            await Task.Delay(50);
        }
        Assert.Contains(gateway.Mock.State.Requests, r => r.Path == "/v3/voices/clone");
    }

    private static string Body(string name) => System.Text.Json.JsonSerializer.Serialize(new
    {
        voice_name = name,
        audio = new { type = "base64", media_type = "audio/wav", data = Convert.ToBase64String(Samples.Wav(1.5)) },
    });

    /// <summary>A body that declares <see cref="Declared"/> bytes and sends none (it is refused before it is read).</summary>
    private sealed class HeldBody : HttpContent
    {
        private readonly byte[] _bytes;

        public HeldBody(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        public long? Declared { get; init; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            if (Declared is null)
            {
                await stream.WriteAsync(_bytes);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Declared ?? 0;
            return Declared is not null;
        }
    }
}

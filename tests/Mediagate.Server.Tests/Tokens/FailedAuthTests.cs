using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Mediagate.Server.Tests.Tokens;

public sealed class FailedAuthTests
{
    private static readonly Dictionary<string, string> ThreeFailures = new() { ["Gateway:FailedAuthPerMinute"] = "3" };

    [Fact]
    public async Task AValidTokenIsNeverRefusedBecauseOthersFailedFromTheSameAddress()
    {
        await using var gateway = await TestGateway.StartAsync(settings: ThreeFailures);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, await StatusAsync(gateway, "10.1.1.1", "user:999-" + new string('x', 40)));
        }
        Assert.Equal(429, await StatusAsync(gateway, "10.1.1.1", "user:999-" + new string('x', 40)));
        Assert.Equal(404, await StatusAsync(gateway, "10.1.1.1", gateway.Token)); // no account yet: through the filter
    }

    [Fact]
    public async Task FailuresAreCountedPerTokenIdAcrossAddressesAndTheOwnerStillGetsIn()
    {
        await using var gateway = await TestGateway.StartAsync(settings: ThreeFailures);
        var id = gateway.Token[5..gateway.Token.IndexOf('-')];
        var guesses = Enumerable.Range(0, 4).Select(i => $"10.2.0.{i}").ToList();
        var statuses = new List<int>();
        foreach (var address in guesses)
        {
            statuses.Add(await StatusAsync(gateway, address, $"user:{id}-{new string('y', 40)}"));
        }
        Assert.Equal([401, 401, 401, 429], statuses);
        Assert.Equal(401, await StatusAsync(gateway, "10.2.1.1", "user:998-" + new string('y', 40))); // another id, another address
        Assert.Equal(404, await StatusAsync(gateway, "10.2.0.0", gateway.Token));
    }

    [Fact]
    public async Task ForwardedForIsTheClientOnlyWhenTheProxyIsKnown()
    {
        var proxied = new Dictionary<string, string>(ThreeFailures) { ["Gateway:KnownProxies"] = "10.9.9.9" };
        await using (var gateway = await TestGateway.StartAsync(settings: proxied))
        {
            for (var i = 0; i < 4; i++)
            {
                await StatusAsync(gateway, "10.9.9.9", "user:997-" + i + new string('z', 39), forwardedFor: "203.0.113.7");
            }
            Assert.Equal(429, await StatusAsync(gateway, "10.9.9.9", "user:996-" + new string('z', 40), forwardedFor: "203.0.113.7"));
            Assert.Equal(401, await StatusAsync(gateway, "10.9.9.9", "user:996-" + new string('z', 40), forwardedFor: "203.0.113.8"));
        }
        await using (var gateway = await TestGateway.StartAsync(settings: ThreeFailures))
        {
            // No proxy is configured: X-Forwarded-For is anyone's to write, so it is ignored and the peer is the client.
            for (var i = 0; i < 4; i++)
            {
                await StatusAsync(gateway, "10.9.9.9", "user:997-" + i + new string('z', 39), forwardedFor: "203.0.113." + i);
            }
            Assert.Equal(429, await StatusAsync(gateway, "10.9.9.9", "user:996-" + new string('z', 40), forwardedFor: "203.0.113.99"));
        }
    }

    [Theory]
    [InlineData("user:0{0}-{1}")]
    [InlineData("user:+{0}-{1}")]
    [InlineData("user:{0}-{1} ")]
    [InlineData("user:{0}-{1}x")]
    [InlineData("User:{0}-{1}")]
    public async Task TokensAreParsedCanonically(string format)
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:FailedAuthPerMinute"] = "100" });
        var dash = gateway.Token.IndexOf('-');
        var variant = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, gateway.Token[5..dash], gateway.Token[(dash + 1)..]);
        var check = await gateway.Service<TokenStore>().VerifyAsync(variant, CancellationToken.None);
        Assert.Equal(TokenState.Invalid, check.State);
        Assert.Equal(TokenState.Active, (await gateway.Service<TokenStore>().VerifyAsync(gateway.Token, CancellationToken.None)).State);
    }

    [Fact]
    public async Task AnUnknownTokenIdTakesAsLongAsAWrongSecret()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:TokenCacheSeconds"] = "2" });
        var tokens = gateway.Service<TokenStore>();
        var id = gateway.Token[5..gateway.Token.IndexOf('-')];
        var known = $"user:{id}-{new string('w', 40)}";
        await tokens.VerifyAsync(gateway.Token, CancellationToken.None);
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < 400; i++)
        {
            knownTimes.Add(await TimeAsync(() => tokens.VerifyAsync(known, CancellationToken.None)));
            unknownTimes.Add(await TimeAsync(() => tokens.VerifyAsync($"user:{100_000 + i}-{new string('w', 40)}", CancellationToken.None)));
        }
        var knownMedian = knownTimes.Order().ElementAt(200);
        var unknownMedian = unknownTimes.Order().ElementAt(200);
        Assert.True(unknownMedian < knownMedian * 3 + 15, $"unknown ids take {unknownMedian:0.0} µs, a known id with a wrong secret {knownMedian:0.0} µs");
    }

    [Fact]
    public async Task TheGatewaysOwnWebhookDeliveriesToItselfAreNotFailedAuthentications()
    {
        TestGateway? self = null;
        var settings = new Dictionary<string, string>(Jobs.WebhookTests.PrivateHooks) { ["Gateway:FailedAuthPerMinute"] = "2" };
        // The webhooks' client reaches this gateway in-process, so the deliveries arrive as any other request would.
        await using var gateway = self = await TestGateway.StartAsync(settings: settings, services: services =>
            services.AddHttpClient(Mediagate.Server.Jobs.WebhookSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => self!.Factory.Server.CreateHandler()));
        await gateway.AddAccountAsync();
        var body = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = Tts.TtsCreateTests.Marcia, prompt = "to myself", replyUrl = "http://localhost/v1/heygen/accounts" }));
        var job = await Jobs.WebhookTests.WaitForWebhookAsync(gateway, body["job_id"]!.GetValue<string>(), "failed");
        Assert.All(job["webhook"]!["attempts"]!.AsArray(), a => Assert.Equal(401, a!["status"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Authorized("user:995-" + new string('v', 40)).GetAsync("/v1/heygen/accounts")).StatusCode);
    }

    private static async Task<double> TimeAsync(Func<ValueTask<TokenCheck>> verify)
    {
        var watch = Stopwatch.StartNew();
        await verify();
        return watch.Elapsed.TotalMicroseconds;
    }

    internal static async Task<int> StatusAsync(TestGateway gateway, string address, string token, string? forwardedFor = null, string path = "/v1/heygen/accounts")
    {
        var context = await gateway.Factory.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = path;
            http.Request.Headers.Authorization = "Bearer " + token;
            if (forwardedFor is not null)
            {
                http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
        return context.Response.StatusCode;
    }
}

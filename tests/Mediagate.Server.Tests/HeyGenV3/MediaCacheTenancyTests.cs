using System.Net;
using System.Net.Http.Json;
using Mediagate.Mock;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.HeyGenV3;

/// <summary>The media cache's limits per tenant and per body.</summary>
public sealed class MediaCacheTenancyTests
{
    /// <summary>Each id costs the cache 1 KiB before anyone downloads it, so making ids is cheap; a tenant's share bounds what it can push out.</summary>
    [Fact]
    public async Task ATenantMakingManyMediaIdsEvictsOnlyItsOwnNotAnotherTenantsMedia()
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
        var first = new Uri((await V3Client.DataAsync(await V3Client.SpeakAsync(b, "Filler line first.")))["audio_url"]!.GetValue<string>());

        for (var i = 0; i < 220; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await V3Client.SpeakAsync(b, $"Filler line {i}.")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(audio.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(first.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task AMediaBodyOverTheLimitIsRefusedAndNotKept()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:MediaMaxBytes"] = "100" });
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var audio = new Uri((await V3Client.DataAsync(await V3Client.SpeakAsync(client)))["audio_url"]!.GetValue<string>());
        using var anonymous = gateway.Anonymous();

        var media = await anonymous.GetAsync(audio.PathAndQuery);

        Assert.Equal(HttpStatusCode.BadGateway, media.StatusCode);
        Assert.Equal("upstream_error", (await TestGateway.JsonAsync(media))["error"]!["code"]!.GetValue<string>());
        Assert.True(gateway.Service<Mediagate.Server.HeyGenV3.MediaCache>().Bytes <= Mediagate.Server.HeyGenV3.MediaCache.EntryOverhead);
    }
}

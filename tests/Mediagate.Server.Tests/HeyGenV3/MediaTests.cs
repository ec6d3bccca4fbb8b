using System.Net;
using System.Net.Http.Headers;
using Mediagate.Platform;
using Mediagate.Server.HeyGenV3;
using Mediagate.Server.Tests.Harness;
using Microsoft.Extensions.Configuration;

namespace Mediagate.Server.Tests.HeyGenV3;

public sealed class MediaTests
{
    private static async Task<Uri> AudioUrlAsync(HttpClient client, string text) =>
        new((await V3Client.DataAsync(await V3Client.SpeakAsync(client, text)))["audio_url"]!.GetValue<string>());

    [Fact]
    public async Task ATamperedOrMissingSignatureIs403AndAnExpiredUrlIs410()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:MediaTtlSeconds"] = "1" });
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var audio = await AudioUrlAsync(client, "Signed and sealed.");
        using var anonymous = gateway.Anonymous();
        var query = System.Web.HttpUtility.ParseQueryString(audio.Query);
        var path = audio.AbsolutePath;
        var sig = query["sig"]!;
        var tampered = (sig[0] == 'A' ? "B" : "A") + sig[1..];

        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync($"{path}?expires={query["expires"]}&sig={tampered}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync($"{path}?expires={long.Parse(query["expires"]!) + 3600}&sig={sig}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(path)).StatusCode);
        var forbidden = await TestGateway.JsonAsync(await anonymous.GetAsync(path));
        Assert.Equal("forbidden", forbidden["error"]!["code"]!.GetValue<string>());

        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var expired = await anonymous.GetAsync(audio.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("gone", (await TestGateway.JsonAsync(expired))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task PastTheSizeLimitTheLeastRecentlyUsedMediaIsEvicted()
    {
        // Room for two entries without their bytes: a third entry, or a download, pushes out the least recently used.
        var limit = (2 * MediaCache.EntryOverhead) + 1;
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string>
        {
            ["Gateway:MediaCacheBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:MediaTenantBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture), // one tenant: the whole cache is its share
        });
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        using var anonymous = gateway.Anonymous();
        var first = await AudioUrlAsync(client, "The first clip.");
        var second = await AudioUrlAsync(client, "The second clip.");

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(first.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(second.PathAndQuery)).StatusCode);
        var third = await AudioUrlAsync(client, "The third clip.");
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(first.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(third.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task RangesAreServedFromTheCache()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var audio = await AudioUrlAsync(client, "A clip to read in parts.");
        using var anonymous = gateway.Anonymous();
        var whole = await anonymous.GetByteArrayAsync(audio.PathAndQuery);
        using var request = new HttpRequestMessage(HttpMethod.Get, audio.PathAndQuery);
        request.Headers.Range = new RangeHeaderValue(10, 19);

        var part = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(whole[10..20], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(whole.Length, part.Content.Headers.ContentRange!.Length);
    }

    [Fact]
    public async Task MediaUrlsUseThePublicUrlWhenOneIsSet()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:PublicUrl"] = "https://gw.example.com/media-gate/" });
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var audio = await AudioUrlAsync(client, "Seen from outside.");

        Assert.StartsWith("https://gw.example.com/media-gate/v3/media/", audio.AbsoluteUri);
    }

    [Theory]
    [InlineData("gateway.example.com")]
    [InlineData("ftp://gateway.example.com")]
    [InlineData("https://gateway.example.com/?x=1")]
    [InlineData("https://user@gateway.example.com")]
    public void APublicUrlThatIsNotAnAbsoluteHttpUrlIsRefusedWithTheFix(string url)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Gateway:PublicUrl", url)]).Build();
        var environment = new EnvironmentVariables(_ => null, Path.GetTempPath());

        var error = Assert.Throws<GatewayConfigurationException>(() => GatewayOptions.From(configuration, environment));

        Assert.Equal($"the public URL (--public-url or Gateway__PublicUrl) must be an absolute http(s) URL such as https://gateway.example.com, with no query or user name; got '{url}'", error.Message);
    }

    [Fact]
    public void AnHttpsPublicUrlIsKeptWithATrailingSlash()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Gateway:PublicUrl", "https://gateway.example.com")]).Build();
        var options = GatewayOptions.From(configuration, new EnvironmentVariables(_ => null, Path.GetTempPath()));
        Assert.Equal("https://gateway.example.com/", options.PublicUrl!.AbsoluteUri);
    }
}

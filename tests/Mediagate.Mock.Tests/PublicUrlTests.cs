using Mediagate.Mock;

namespace Mediagate.Tests.Mock;

/// <summary><c>--public-url</c>: the host name that goes into media URLs, which HyperFrames' pipeline needs because it refuses loopback media.</summary>
public sealed class PublicUrlTests
{
    [Fact]
    public async Task MediaUrlsAndExportLinesUseThePublicHostWithTheMocksPort()
    {
        await using var server = await MockServer.StartAsync(new MockOptions { PublicUrl = "http://mock.test" });

        var speech = (await MockHttp.PostAsync(server, "/v3/voices/speech", """{"text":"Public.","voice_id":"05f19352e8f74b0392a8f411eba40de1"}""", MockHttp.HeyGen)).Json;
        var music = (await MockHttp.GetAsync(server, "/v3/audio/sounds?query=calm&type=music", MockHttp.HeyGen)).Json;

        var root = $"http://mock.test:{server.BaseUrl.Port}";
        Assert.StartsWith(root + "/files/", (string?)speech["data"]!["audio_url"]);
        Assert.StartsWith(root + "/files/", (string?)music["data"]![0]!["audio_url"]);
        Assert.Equal(root, server.EnvironmentVariables()["HEYGEN_API_URL"]);
        Assert.Equal(new Dictionary<string, string> { ["HEYGEN_API_BASE"] = root, ["HEYGEN_ALLOW_HTTP"] = "1" }, server.PeerEnvironmentVariables());
    }

    [Theory]
    [InlineData("http://mock.test", 5123, "http://mock.test:5123/")]
    [InlineData("https://media.example.com:8443/", 5123, "https://media.example.com:8443/")]
    [InlineData("http://mock.test:80", 5123, "http://mock.test/")]
    [InlineData("http://[fd00::1]", 5123, "http://[fd00::1]:5123/")]
    public void APortIsKeptWhenWrittenAndTheMocksOtherwise(string text, int port, string expected) =>
        Assert.Equal(expected, MockServer.ResolvePublicUrl(text, port).ToString());

    [Theory]
    [InlineData("mock.test")]
    [InlineData("ftp://mock.test")]
    [InlineData("http://mock.test/base")]
    [InlineData("http://user:pw@mock.test")]
    public void AnythingButSchemeHostAndPortIsRefusedWithAnExample(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => MockServer.ResolvePublicUrl(text, 1));
        Assert.Contains("e.g. http://mock.test", error.Message);
    }

    [Fact]
    public async Task WithoutAPublicUrlHttpStillAllowsTheLoopbackBase()
    {
        await using var server = await MockServer.StartAsync();

        Assert.Equal(server.BaseUrl.ToString().TrimEnd('/'), server.PeerEnvironmentVariables()["HEYGEN_API_BASE"]);
    }
}

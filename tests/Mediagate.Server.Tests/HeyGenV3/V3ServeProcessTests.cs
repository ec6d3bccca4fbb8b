using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Server.Tests.Harness;
using Mediagate.Tests.Support;

namespace Mediagate.Server.Tests.HeyGenV3;

/// <summary><c>/v3</c> over real Kestrel, as <c>mediagate serve --public-url</c> runs it.</summary>
public sealed class V3ServeProcessTests : IDisposable
{
    private readonly TempHome _home = new();

    private string Data => Path.Combine(_home.Root, "data");

    [Fact]
    public async Task ServeWithAPublicUrlAnswersV3AndItsMediaUrlsNameThatAddress()
    {
        await using var mock = await MockFixture.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync(Data, mock.BaseUrl, arguments: ["--public-url", "https://gateway.example.com/"]);
        var token = await ProcessClient.CreateTokenAsync(Data);
        using var admin = ProcessClient.For(gateway.Url, token);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/heygen/accounts", new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword, maxJobs = 2 })).StatusCode);
        using var client = new HttpClient { BaseAddress = gateway.Url };
        client.DefaultRequestHeaders.Add("X-Api-Key", token);

        var speech = await client.PostAsJsonAsync("/v3/voices/speech", new { text = "Over the wire.", voice_id = V3Client.Marcia, speed = 1 });

        Assert.Equal(HttpStatusCode.OK, speech.StatusCode);
        var me = JsonNode.Parse(await client.GetStringAsync("/v3/users/me"))!["data"]!["mediagate"]!;
        Assert.Equal(typeof(Mediagate.Cli.MediagateCli).Assembly.GetName().Version!.ToString(3), me["version"]!.GetValue<string>());
        var audio = new Uri(JsonNode.Parse(await speech.Content.ReadAsStringAsync())!["data"]!["audio_url"]!.GetValue<string>());
        Assert.Equal("https://gateway.example.com/v3/media/" + audio.Segments[^1] + audio.Query, audio.AbsoluteUri);
        using var anonymous = new HttpClient { BaseAddress = gateway.Url };
        var media = await anonymous.GetAsync(audio.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal("audio/mpeg", media.Content.Headers.ContentType!.MediaType);
        var length = media.Content.Headers.ContentLength;
        Assert.True(length > 1000);
        Assert.Equal(length, (await media.Content.ReadAsByteArrayAsync()).Length);
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, audio.PathAndQuery));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task ServeRefusesAPublicUrlThatIsNotHttpWithExitCode2AndTheFix()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "mediagate.dll"), "serve", "--urls", "http://127.0.0.1:0", "--data", Data, "--public-url", "ftp://gateway.example.com" })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("must be an absolute http(s) URL such as https://gateway.example.com", await stderr + await stdout);
    }

    public void Dispose() => _home.Dispose();
}

using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Http;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Providers;
using Mediagate.Providers.Gemini;
using Mediagate.Providers.OpenRouter;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Providers.Gemini;

public sealed class GeminiAndOpenRouterTests
{
    /// <summary>A valid 64×36 PNG.</summary>
    internal static byte[] Png(int width = 64, int height = 36) => Mediagate.Audio.Png.Encode(width, height, new byte[width * height * 3]);

    private static GeminiClient Gemini(MockFixture mock, string key = MockOptions.DefaultGeminiKey) =>
        new(mock.Http, ProviderEndpoints.From(mock.Home.Environment).Gemini, key, RetryPolicy.Default, new InstantTimeProvider());

    private static OpenRouterClient OpenRouter(MockFixture mock, string key = MockOptions.DefaultOpenRouterKey) =>
        new(mock.Http, ProviderEndpoints.From(mock.Home.Environment).OpenRouter, key, RetryPolicy.Default, new InstantTimeProvider());

    [Fact]
    public async Task GeminiDescribesAnInlineImageInOneSentence()
    {
        await using var mock = await MockFixture.StartAsync();

        var sentence = await Gemini(mock).DescribeAsync("gemini-test", "Describe it.", Png(), "image/png", CancellationToken.None);

        Assert.StartsWith("A 64×36 PNG landscape image", sentence);
        var request = Assert.Single(mock.State.Requests);
        Assert.Equal("/v1beta/models/gemini-test:generateContent", request.Path);
        Assert.Equal(MockOptions.DefaultGeminiKey, request.Headers["x-goog-api-key"]);
        var parts = JsonNode.Parse(request.Body)!["contents"]![0]!["parts"]!;
        Assert.Equal("image/png", (string?)parts[1]!["inline_data"]!["mime_type"]);
        Assert.Equal(500, (int)JsonNode.Parse(request.Body)!["generationConfig"]!["maxOutputTokens"]!);
    }

    [Fact]
    public async Task LyriaAnswersWithA30SecondMp3AndAText()
    {
        await using var mock = await MockFixture.StartAsync();

        var clip = await Gemini(mock).GenerateMusicAsync("calm cinematic underscore", CancellationToken.None);

        Assert.Equal("audio/mpeg", clip.MimeType);
        Assert.Equal(".mp3", clip.Extension);
        Assert.Contains("30 seconds", clip.Text);
        Assert.InRange(AudioDecode.ToMonoWav(clip.Bytes, new MemoryStream(), 44100), 29.5, 30.5);
        Assert.Equal("/v1beta/models/lyria-3-clip-preview:generateContent", Assert.Single(mock.State.Requests).Path);
    }

    [Fact]
    public async Task OpenRouterSendsADataUrlAndReadsTheFirstChoice()
    {
        await using var mock = await MockFixture.StartAsync();

        var sentence = await OpenRouter(mock).DescribeAsync(OpenRouterClient.DefaultModel, "Describe it.", Png(20, 40), "image/png", CancellationToken.None);

        Assert.StartsWith("A 20×40 PNG portrait image", sentence);
        var request = Assert.Single(mock.State.Requests);
        Assert.Equal("Bearer " + MockOptions.DefaultOpenRouterKey, request.Headers["Authorization"]);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("google/gemini-3.1-flash-lite", (string?)body["model"]);
        Assert.Equal(500, (int)body["max_tokens"]!);
        Assert.StartsWith("data:image/png;base64,iVBOR", (string?)body["messages"]![0]!["content"]![1]!["image_url"]!["url"]);
    }

    [Theory]
    [InlineData("gemini")]
    [InlineData("openrouter")]
    public async Task WrongKeysAndSpentCreditsAreReportedByKind(string provider)
    {
        await using var mock = await MockFixture.StartAsync();
        Func<string, Task<string>> describe = key => provider == "gemini"
            ? Gemini(mock, key).DescribeAsync("m", "p", Png(), "image/png", CancellationToken.None)
            : OpenRouter(mock, key).DescribeAsync("m", "p", Png(), "image/png", CancellationToken.None);

        var rejected = await Assert.ThrowsAsync<ProviderException>(() => describe("sk-wrong-key-0001"));
        mock.State.AddFault(new FaultRule(provider == "gemini" ? "/v1beta" : "/api/v1", FaultKind.Status, 402));
        var spent = await Assert.ThrowsAsync<ProviderException>(() => describe(provider == "gemini" ? MockOptions.DefaultGeminiKey : MockOptions.DefaultOpenRouterKey));

        Assert.Equal(ProviderFailure.KeyRejected, rejected.Failure);
        // Google answers a bad key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID; OpenRouter with 401.
        Assert.Equal(provider == "gemini" ? System.Net.HttpStatusCode.BadRequest : System.Net.HttpStatusCode.Unauthorized, rejected.Status);
        Assert.DoesNotContain("sk-wrong-key-0001", rejected.Message);
        Assert.Equal(ProviderFailure.OutOfCredits, spent.Failure);
    }

    [Fact]
    public async Task AnotherBadRequestFromGoogleIsARefusalNotARejectedKey()
    {
        await using var mock = await MockFixture.StartAsync();

        mock.State.AddFault(new FaultRule("/v1beta", FaultKind.Status, 400));

        var refused = await Assert.ThrowsAsync<ProviderException>(() => Gemini(mock).DescribeAsync("m", "p", Png(), "image/png", CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(ProviderFailure.Refused, refused.Failure);
    }

    [Fact]
    public void ModelOverridesPreferMediagatesVariableThenThePeers()
    {
        using var home = new TempHome();
        Assert.Equal("gemini-3.1-flash-lite-preview", GeminiClient.DescribeModel(home.Environment));
        Assert.Equal("google/gemini-3.1-flash-lite", OpenRouterClient.Model(home.Environment));
        home.Variables["HYPERFRAMES_GEMINI_MODEL"] = "peer-gemini";
        home.Variables["HYPERFRAMES_OPENROUTER_MODEL"] = "peer/router";
        Assert.Equal("peer-gemini", GeminiClient.DescribeModel(home.Environment));
        Assert.Equal("peer/router", OpenRouterClient.Model(home.Environment));
        home.Variables["MEDIAGATE_GEMINI_MODEL"] = "ours-gemini";
        home.Variables["MEDIAGATE_OPENROUTER_MODEL"] = "ours/router";
        Assert.Equal("ours-gemini", GeminiClient.DescribeModel(home.Environment));
        Assert.Equal("ours/router", OpenRouterClient.Model(home.Environment));
    }
}

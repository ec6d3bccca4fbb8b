using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Credentials;
using Mediagate.Http;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Providers.HeyGen;
using Mediagate.Capabilities.Voice;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Providers.HeyGen;

public sealed class HeyGenClientTests
{
    private static readonly HeyGenCredential Key = new(CredentialSource.Env, CredentialType.ApiKey, MockOptions.DefaultHeyGenKey, "env");

    private static HeyGenClient Client(MockFixture mock) => new(mock.Http, HeyGenApi.BaseUrl(mock.Home.Environment), RetryPolicy.Default, new InstantTimeProvider());

    [Fact]
    public async Task SpeechDropsTheSentinelsRenumbersTheWordsAndDecodesTheDownloadedAudio()
    {
        await using var mock = await MockFixture.StartAsync();
        var provider = new HeyGenVoiceProvider(mock.Providers(Key));

        var (samples, result) = await provider.SpeakAsync(new SpeechRequest("Welcome to the product tour.", Speed: 1.1), CancellationToken.None);

        Assert.Equal("heygen", result.Provider);
        Assert.Equal(HeyGenClient.DefaultVoiceId, result.Voice);
        Assert.Equal(["w0", "w1", "w2", "w3", "w4"], result.Words.Select(w => w.Id));
        Assert.Equal(["Welcome", "to", "the", "product", "tour."], result.Words.Select(w => w.Text));
        Assert.All(result.Words.Zip(result.Words.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start + 1e-9));
        Assert.Equal(24000, result.SampleRate);
        Assert.Equal(samples.Length / 24000.0, result.DurationSeconds, 6);
        Assert.InRange(result.DurationSeconds, result.Words[^1].End, result.Words[^1].End + 1.5);
        Assert.True(samples.Max(Math.Abs) > 0.05f, "the decoded speech is not silence");
        var speech = mock.State.Requests.First(r => r.Path == "/v3/voices/speech");
        var body = JsonNode.Parse(speech.Body)!;
        Assert.Equal("Welcome to the product tour.", (string?)body["text"]);
        Assert.Equal(HeyGenClient.DefaultVoiceId, (string?)body["voice_id"]);
        Assert.Equal(1.1, (double)body["speed"]!);
        Assert.Null(body["language"]);
        // The presigned download carries no credential.
        var download = mock.State.Requests.Single(r => r.Path.StartsWith("/files/", StringComparison.Ordinal));
        Assert.False(download.Headers.ContainsKey("X-Api-Key"));
    }

    [Fact]
    public async Task ANonEnglishLanguageIsSentAndPicksTheFirstCatalogueVoiceOfThatLanguage()
    {
        await using var mock = await MockFixture.StartAsync();
        var provider = new HeyGenVoiceProvider(mock.Providers(Key));

        var result = (await provider.SpeakAsync(new SpeechRequest("Hola a todos.", Language: "es"), CancellationToken.None)).Result;

        Assert.Equal("2d5b0e6cf36f460aa7fc47e3eee4ba54", result.Voice);
        var voices = mock.State.Requests.Single(r => r.Path == "/v3/voices");
        Assert.Equal("?engine=starfish&type=public&limit=50", voices.Query);
        Assert.Equal("es", (string?)JsonNode.Parse(mock.State.Requests.Single(r => r.Path == "/v3/voices/speech").Body)!["language"]);
    }

    [Fact]
    public async Task AnUnknownVoiceIsRefusedWithHeyGensMessage()
    {
        await using var mock = await MockFixture.StartAsync();

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client(mock).SpeakAsync(Key, "hi", "v2-catalog-id", 1, null, CancellationToken.None));

        Assert.Equal(ProviderFailure.Refused, error.Failure);
        Assert.Contains("not a Starfish voice", error.Message);
    }

    [Fact]
    public async Task OutOfCreditsIsReportedNotSwallowed()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Status, 402, Times: null));
        var provider = new HeyGenVoiceProvider(mock.Providers(Key));

        var error = await Assert.ThrowsAsync<ProviderException>(() => provider.SpeakAsync(new SpeechRequest("hi"), CancellationToken.None));

        Assert.Equal(ProviderFailure.OutOfCredits, error.Failure);
        Assert.Contains("plan_upgrade_required", error.Message);
    }

    [Fact]
    public async Task SoundSearchesUseThePeersDefaultsAndRankBestFirst()
    {
        await using var mock = await MockFixture.StartAsync();
        var client = Client(mock);

        var effects = await client.SearchSoundsAsync(Key, SoundSearch.ForEffect("whoosh"), CancellationToken.None);
        var music = await client.SearchSoundsAsync(Key, SoundSearch.ForMusic("calm cinematic underscore"), CancellationToken.None);

        Assert.Equal("?query=whoosh&type=sound_effects&limit=3&min_score=0.4", mock.State.Requests[0].Query);
        Assert.Equal("?query=calm%20cinematic%20underscore&type=music&limit=5", mock.State.Requests[1].Query);
        Assert.Equal(3, effects.Count);
        Assert.Equal("whoosh", effects[0].Name);
        Assert.True(effects.Zip(effects.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Equal("mus_calm_cinematic", music[0].Id);
        Assert.Equal(60, music[0].DurationSeconds);
        var audio = await client.DownloadAsync(effects[0].AudioUrl, CancellationToken.None);
        using var decoded = new MemoryStream();
        Assert.InRange(AudioDecode.ToMonoWav(audio, decoded, 48000), effects[0].DurationSeconds!.Value - 0.1, effects[0].DurationSeconds!.Value + 0.1);
    }

    [Fact]
    public async Task TheOlderIndexKeyedFormReadsTheSameAsTheArray()
    {
        await using var array = await MockFixture.StartAsync();
        await using var keyed = await MockFixture.StartAsync(new MockOptions { IndexKeyedSounds = true });

        var fromArray = await Client(array).SearchSoundsAsync(Key, SoundSearch.ForEffect("click"), CancellationToken.None);
        var fromKeyed = await Client(keyed).SearchSoundsAsync(Key, SoundSearch.ForEffect("click"), CancellationToken.None);

        using var raw = new HttpRequestMessage(HttpMethod.Get, new Uri(keyed.Server.BaseUrl, "/v3/audio/sounds?query=click&type=sound_effects&min_score=0.4"));
        raw.Headers.Add("X-Api-Key", MockOptions.DefaultHeyGenKey);
        var data = JsonNode.Parse(await (await keyed.Http.SendAsync(raw)).Content.ReadAsStringAsync())!["data"]!;
        Assert.IsType<JsonObject>(data);
        Assert.NotNull(data["0"]);
        Assert.Equal(fromArray.Select(s => (s.Id, s.Score)), fromKeyed.Select(s => (s.Id, s.Score)));
        Assert.NotEmpty(fromKeyed);
    }

    [Fact]
    public void WordTimestampsWithoutSentinelsOrWithJunkAreReadLeniently()
    {
        var words = HeyGenClient.Words(JsonNode.Parse("""
            [{"word":"<start>","start":0,"end":0},{"word":" Hi ","start":0.1,"end":0.3},{"word":"x"},{"word":"there","start":"0.4","end":0.35},{"word":"<end>","start":1,"end":1}]
            """)!.AsArray());

        Assert.Equal([new("w0", "Hi", 0.1, 0.3), new Mediagate.Captions.Word("w1", "there", 0.4, 0.4)], words);
    }

    [Fact]
    public async Task ASessionRefreshesAnOAuthTokenOnceAfterA401()
    {
        await using var mock = await MockFixture.StartAsync();
        var stale = new HeyGenCredential(CredentialSource.FileJson, CredentialType.OAuth, "stale-token", "file",
            new OAuthTokens("stale-token", "refresh-me", DateTimeOffset.UtcNow.AddHours(1), null));
        var refreshes = 0;
        var session = new HeyGenSession(stale, _ =>
        {
            refreshes++;
            return Task.FromResult(Key);
        });

        var voices = await session.RunAsync((credential, token) => Client(mock).ListVoicesAsync(credential, 5, token), CancellationToken.None);

        Assert.Equal(5, voices.Count);
        Assert.Equal(1, refreshes);
        Assert.Equal("Bearer stale-token", mock.State.Requests[0].Headers["Authorization"]);
        Assert.Equal(MockOptions.DefaultHeyGenKey, mock.State.Requests[1].Headers["X-Api-Key"]);
    }
}

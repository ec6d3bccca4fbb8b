using System.Text.Json.Nodes;
using Mediagate.Capabilities.Voice;
using Mediagate.Http;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Providers;
using Mediagate.Providers.ElevenLabs;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Providers.ElevenLabs;

public sealed class ElevenLabsClientTests
{
    private static ElevenLabsClient Client(MockFixture mock, string key = MockOptions.DefaultElevenLabsKey) =>
        new(mock.Http, ProviderEndpoints.From(mock.Home.Environment).ElevenLabs, key, RetryPolicy.Default, new InstantTimeProvider());

    [Fact]
    public async Task WithTimestampsTheCharacterAlignmentBecomesOneTimingPerWord()
    {
        await using var mock = await MockFixture.StartAsync();
        const string text = "It costs $5, today — really!";
        mock.Home.Variables["ELEVENLABS_API_KEY"] = MockOptions.DefaultElevenLabsKey;
        var provider = new ElevenLabsVoiceProvider(mock.Providers());

        var result = (await provider.SpeakAsync(new SpeechRequest(text, Speed: 2.0), CancellationToken.None)).Result;

        Assert.Equal("elevenlabs", result.Provider);
        Assert.Equal(ElevenLabsClient.DefaultVoiceId, result.Voice);
        Assert.Equal(text.Split(' '), result.Words.Select(w => w.Text));
        Assert.All(result.Words, w => Assert.True(w.End >= w.Start));
        Assert.All(result.Words.Zip(result.Words.Skip(1)), p => Assert.True(p.First.End <= p.Second.Start + 1e-9));
        Assert.InRange(result.DurationSeconds, result.Words[^1].End, result.Words[^1].End + 1.5);
        var request = Assert.Single(mock.State.Requests);
        Assert.Equal($"/v1/text-to-speech/{ElevenLabsClient.DefaultVoiceId}/with-timestamps", request.Path);
        Assert.Equal("?output_format=mp3_44100_128", request.Query);
        Assert.Equal(MockOptions.DefaultElevenLabsKey, request.Headers["xi-api-key"]);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("eleven_multilingual_v2", (string?)body["model_id"]);
        Assert.Equal(1.2, (double)body["voice_settings"]!["speed"]!);
    }

    [Fact]
    public void AlignmentRunsThatDoNotMatchTheTextKeepTheAlignedSpelling()
    {
        var alignment = JsonNode.Parse("""
            {"characters":["H","i"," ","t","h","e","r","e"],
             "character_start_times_seconds":[0,0.1,0.2,0.3,0.35,0.4,0.45,0.5],
             "character_end_times_seconds":[0.1,0.2,0.3,0.35,0.4,0.45,0.5,0.6]}
            """)!.AsObject();

        var matched = ElevenLabsClient.WordsFromAlignment("Hi there", alignment);
        var normalised = ElevenLabsClient.WordsFromAlignment("Hi there, friend", alignment);

        Assert.Equal([new("w0", "Hi", 0, 0.2), new Mediagate.Captions.Word("w1", "there", 0.3, 0.6)], matched);
        Assert.Equal(["Hi", "there"], normalised.Select(w => w.Text));
    }

    [Fact]
    public async Task VoicesAndUserAreRead()
    {
        await using var mock = await MockFixture.StartAsync();

        var voices = await Client(mock).ListVoicesAsync(CancellationToken.None);
        var user = await Client(mock).GetUserAsync(CancellationToken.None);

        Assert.Contains(voices, v => v.VoiceId == "SAz9YHcvj6GT2YYXdXww" && v.Name == "River");
        Assert.Equal(new ElevenLabsUser("creator", 1200, 100000), user);
    }

    [Fact]
    public async Task AWrongKeyIsRejectedInElevenLabsOwnShape()
    {
        await using var mock = await MockFixture.StartAsync();

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client(mock, "xi-wrong-key-123456").GetUserAsync(CancellationToken.None));

        Assert.Equal(ProviderFailure.KeyRejected, error.Failure);
        Assert.Contains("invalid_api_key", error.Message);
        Assert.DoesNotContain("xi-wrong-key-123456", error.Message);
    }

    [Fact]
    public async Task AQuotaFaultIsOutOfCredits()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v1/text-to-speech", FaultKind.Status, 402, Key: MockOptions.DefaultElevenLabsKey));

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client(mock).SpeakWithTimestampsAsync("hi", ElevenLabsClient.DefaultVoiceId, 1, CancellationToken.None));

        Assert.Equal(ProviderFailure.OutOfCredits, error.Failure);
        Assert.Contains("quota_exceeded", error.Message);
    }
}

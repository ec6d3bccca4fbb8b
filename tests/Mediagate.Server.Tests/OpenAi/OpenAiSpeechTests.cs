using System.Net;
using System.Net.Http.Json;
using System.Text;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.OpenAi;

public sealed class OpenAiSpeechTests
{
    [Fact]
    public async Task WithAnAccountTheAudioComesFromThePoolInEachFormat()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        var mp3 = await gateway.Client.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "Any OpenAI client works.", voice = "alloy" });
        Assert.Equal(HttpStatusCode.OK, mp3.StatusCode);
        Assert.Equal("audio/mpeg", mp3.Content.Headers.ContentType!.MediaType);
        Assert.Equal("heygen", mp3.Headers.GetValues("X-Mediagate-Provider").Single());
        var bytes = await mp3.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1000);
        Assert.True(bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0 || Encoding.ASCII.GetString(bytes, 0, 3) == "ID3", "not an MP3");
        Assert.Single(gateway.Mock.State.Requests, r => r.Path == "/v3/voices/speech");

        var wav = await gateway.Client.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "Now as a wave file.", voice = "alloy", response_format = "wav" });
        var wavBytes = await wav.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wavBytes, 0, 4));
        Assert.Equal(24000, BitConverter.ToInt32(wavBytes, 24));

        var pcm = await gateway.Client.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "And raw.", voice = "alloy", response_format = "pcm" });
        Assert.Equal("audio/pcm", pcm.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, (await pcm.Content.ReadAsByteArrayAsync()).Length % 2);
    }

    [Fact]
    public async Task WithoutAnAccountTheLocalVoiceAnswers()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Client.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "Spoken on this machine.", voice = "nova", response_format = "wav" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("local", response.Headers.GetValues("X-Mediagate-Provider").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.True(bytes.Length > 24000, "less than half a second of audio");
        Assert.Empty(gateway.Mock.State.Requests);
    }

    [Fact]
    public async Task InputWithNothingSpeakableIsABadRequestNotAServerError()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Client.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "… — …", voice = "nova" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await TestGateway.JsonAsync(response))["error"]!;
        Assert.Contains("nothing speakable", error["message"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"input":"hi","voice":"alloy"}""", "model is required")]
    [InlineData("""{"model":"tts-1","voice":"alloy"}""", "input is required")]
    [InlineData("""{"model":"tts-1","input":"hi"}""", "voice is required")]
    [InlineData("""{"model":"tts-1","input":"hi","voice":"alloy","response_format":"flac"}""", "response_format must be one of mp3, wav, pcm (got 'flac')")]
    [InlineData("""{"model":"tts-1","input":"hi","voice":"alloy","speed":5}""", "speed must be a number from 0.25 to 4 (got 5)")]
    public async Task BadRequestsGetOpenAisErrorShape(string body, string message)
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Client.PostAsync("/v1/audio/speech", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await TestGateway.JsonAsync(response))["error"]!;
        Assert.Equal(message, error["message"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheEndpointNeedsAToken()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Anonymous().PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "hi", voice = "alloy" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

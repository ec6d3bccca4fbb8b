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
        // The pool's audio is whole when it is sent, so it carries its length.
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        var mp3 = await gateway.Client.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "Any OpenAI client works.", voice = "alloy" });
        Assert.Equal(HttpStatusCode.OK, mp3.StatusCode);
        Assert.Equal("audio/mpeg", mp3.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(mp3.Content.Headers.ContentLength);
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

    [Theory]
    [InlineData(false, "opus")]
    [InlineData(false, "flac")]
    [InlineData(true, "opus")]
    [InlineData(true, "flac")]
    public async Task OpusAndFlacDecodeWithTheReferenceDecoders(bool fromPool, string format)
    {
        await using var gateway = await TestGateway.StartAsync();
        if (fromPool)
        {
            await gateway.AddAccountAsync();
        }
        var response = await gateway.Client.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "Decoded by a tool we did not write.", voice = "alloy", response_format = format });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fromPool ? "heygen" : "local", response.Headers.GetValues("X-Mediagate-Provider").Single());
        Assert.Equal(format == "opus" ? "audio/ogg" : "audio/flac", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var seconds = ReferenceDecoder.Seconds(format, bytes);
        Assert.InRange(seconds, 1.0, 6.0);
    }

    [Fact]
    public async Task TheLocalVoiceIsStreamedChunkedAsItIsMade()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/audio/speech")
        {
            Content = JsonContent.Create(new { model = "tts-1", input = string.Join(' ', Enumerable.Repeat("Streamed while it is spoken.", 20)), voice = "nova", response_format = "pcm" }),
        };
        using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A whole body is sent with its Content-Length; a stream (chunked on Kestrel) has none.
        Assert.Null(response.Content.Headers.ContentLength);
        var pcm = await response.Content.ReadAsByteArrayAsync();
        Assert.True(pcm.Length > 24000 * 2 * 10, "less than 10 s of audio");
    }

    [Fact]
    public async Task ABurstBeyondTheLocalVoicesCapGets429WithRetryAfterInOpenAisShape()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:LocalSpeechConcurrency"] = "1" });
        var input = string.Join(' ', Enumerable.Repeat("A long reading keeps the local voice busy.", 60));

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            gateway.Client.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input, voice = "nova", response_format = "pcm" })));

        var busy = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(busy.Count, 1, 4);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.All(busy, a => Assert.True(a.Headers.RetryAfter is not null, "429 without Retry-After"));
        var error = (await TestGateway.JsonAsync(busy[0]))["error"]!;
        Assert.Equal("rate_limit_exceeded", error["type"]!.GetValue<string>());
        Assert.Contains("the local voice is busy", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABadTokenOnTheOpenAiRouteGetsOpenAisErrorShape()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.Authorized("user:1-" + new string('x', 40));

        var response = await client.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "hi", voice = "nova" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await TestGateway.JsonAsync(response))["error"]!;
        Assert.Equal("Unauthorized", error["message"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Equal(401, error["code"]!.GetValue<int>());
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
    [InlineData("""{"model":"tts-1","input":"hi","voice":"alloy","response_format":"ogg"}""", "response_format must be one of mp3, opus, flac, wav, pcm (got 'ogg')")]
    [InlineData("""{"model":"tts-1","input":"hi","voice":"alloy","response_format":"aac"}""", "response_format aac is not available: no AAC encoder is installed with the gateway; use one of mp3, opus, flac, wav, pcm")]
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

/// <summary>Decodes audio with the reference tools (opus-tools' opusdec, the flac command), which we did not write.</summary>
internal static class ReferenceDecoder
{
    public static double Seconds(string format, byte[] audio)
    {
        var input = Path.Combine(Path.GetTempPath(), $"mediagate-ref-{Guid.NewGuid():N}.{format}");
        var output = Path.ChangeExtension(input, ".wav");
        File.WriteAllBytes(input, audio);
        try
        {
            var (tool, arguments) = format == "opus" ? ("opusdec", $"--quiet \"{input}\" \"{output}\"") : ("flac", $"--silent -d -o \"{output}\" \"{input}\"");
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(tool, arguments) { RedirectStandardError = true })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool} could not decode the {format}: {error}");
            using var wav = Mediagate.Audio.WavReader.Open(File.OpenRead(output));
            return wav.Duration;
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}

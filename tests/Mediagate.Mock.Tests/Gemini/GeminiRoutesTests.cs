using System.Net;
using System.Text.Json.Nodes;
using Mediagate.Mock;

namespace Mediagate.Tests.Mock.Gemini;

/// <summary>Gemini as @google/genai 3.x reads it: both API versions, Google's 404, usage totals, streaming and TTS audio.</summary>
public sealed class GeminiRoutesTests
{
    private const string Hello = """{"contents":[{"parts":[{"text":"Say hello"}]}]}""";

    private const string Speak = """
        {"contents":[{"parts":[{"text":"Welcome to the offline studio."}]}],
         "generationConfig":{"responseModalities":["AUDIO"],"speechConfig":{"voiceConfig":{"prebuiltVoiceConfig":{"voiceName":"Kore"}}}}}
        """;

    [Theory]
    [InlineData("v1")]
    [InlineData("v1beta")]
    public async Task BothVersionsAnswerWithAResponseIdAndATotalTokenCount(string version)
    {
        await using var server = await MockServer.StartAsync();

        var answer = (await MockHttp.PostAsync(server, $"/{version}/models/gemini-2.5-flash:generateContent", Hello, MockHttp.Gemini)).Json;

        var usage = answer["usageMetadata"]!;
        Assert.Equal((int)usage["promptTokenCount"]! + (int)usage["candidatesTokenCount"]!, (int)usage["totalTokenCount"]!);
        Assert.Matches("^[A-Za-z0-9_-]{20,}$", (string?)answer["responseId"]);
        Assert.Equal("You asked: Say hello", (string?)answer["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
    }

    [Theory]
    [InlineData("/v1beta/models/imagen-9:generateContent", "models/imagen-9 is not found for API version v1beta")]
    [InlineData("/v1/models/gemini-2.5-flash:countTokens", "Method not found.")]
    public async Task AnUnknownModelOrMethodGetsGoogles404Envelope(string path, string message)
    {
        await using var server = await MockServer.StartAsync();

        var answer = await MockHttp.PostAsync(server, path, Hello, MockHttp.Gemini);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("NOT_FOUND", (string?)answer.Json["error"]!["status"]);
        Assert.Equal(404, (int)answer.Json["error"]!["code"]!);
        Assert.StartsWith(message, (string?)answer.Json["error"]!["message"]);
    }

    [Fact]
    public async Task StreamGenerateContentSendsServerSentEventsWithAltSseAndAJsonArrayWithout()
    {
        await using var server = await MockServer.StartAsync();
        const string path = "/v1/models/gemini-2.5-flash:streamGenerateContent";

        var sse = await MockHttp.PostAsync(server, path + "?alt=sse", Hello, MockHttp.Gemini);
        var array = await MockHttp.PostAsync(server, path, Hello, MockHttp.Gemini);

        Assert.StartsWith("text/event-stream", sse.ContentType);
        var events = sse.Text.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries).Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.True(events.Count > 1);
        Assert.Equal("You asked: Say hello", string.Concat(events.Select(e => (string?)e["candidates"]![0]!["content"]!["parts"]![0]!["text"])));
        Assert.Equal("STOP", (string?)events[^1]["candidates"]![0]!["finishReason"]);
        Assert.Single(events.Select(e => (string?)e["responseId"]).Distinct());
        Assert.Equal(events.Count, array.Json.AsArray().Count);
    }

    [Fact]
    public async Task ATtsModelAskedForAudioAnswersBase64Pcm16At24kHzMono()
    {
        await using var server = await MockServer.StartAsync();

        var answer = (await MockHttp.PostAsync(server, "/v1beta/models/gemini-2.5-flash-preview-tts:generateContent", Speak, MockHttp.Gemini)).Json;
        var streamed = (await MockHttp.PostAsync(server, "/v1beta/models/gemini-2.5-flash-preview-tts:streamGenerateContent", Speak, MockHttp.Gemini)).Json.AsArray();

        var part = Assert.Single(answer["candidates"]![0]!["content"]!["parts"]!.AsArray())!["inlineData"]!;
        Assert.Equal("audio/L16;codec=pcm;rate=24000", (string?)part["mimeType"]);
        var pcm = Convert.FromBase64String((string)part["data"]!);
        Assert.Equal(0, pcm.Length % 2);
        Assert.InRange(pcm.Length / 48000.0, 1.0, 6.0);
        var peak = Enumerable.Range(0, pcm.Length / 2).Max(i => Math.Abs((int)BitConverter.ToInt16(pcm, 2 * i)));
        Assert.True(peak > 1000, "speech, not silence");
        Assert.Equal("AUDIO", (string?)answer["usageMetadata"]!["candidatesTokensDetails"]![0]!["modality"]);
        Assert.Equal(pcm, streamed.SelectMany(c => Convert.FromBase64String((string)c!["candidates"]![0]!["content"]!["parts"]![0]!["inlineData"]!["data"]!)).ToArray());
    }

    [Theory]
    [InlineData("gemini-2.5-flash-preview-tts", """{"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"responseModalities":["AUDIO"],"speechConfig":{"voiceConfig":{"prebuiltVoiceConfig":{"voiceName":"Bob"}}}}}""", "Voice name Bob is not supported")]
    [InlineData("gemini-2.5-flash-preview-tts", """{"contents":[{"parts":[{"text":"hi"}]}]}""", "The requested combination of response modalities")]
    [InlineData("gemini-2.5-flash", """{"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"responseModalities":["AUDIO"]}}""", "Model gemini-2.5-flash does not support")]
    public async Task SpeechRequestsTheModelCannotServeGet400InvalidArgument(string model, string body, string message)
    {
        await using var server = await MockServer.StartAsync();

        var answer = await MockHttp.PostAsync(server, $"/v1beta/models/{model}:generateContent", body, MockHttp.Gemini);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("INVALID_ARGUMENT", (string?)answer.Json["error"]!["status"]);
        Assert.StartsWith(message, (string?)answer.Json["error"]!["message"]);
    }
}

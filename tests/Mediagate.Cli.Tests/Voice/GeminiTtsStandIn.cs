using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Mediagate.Capabilities.Voice;
using Mediagate.Local.Voice;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediagate.Tests.Cli.Voice;

/// <summary>
/// A stand-in for Gemini TTS on 127.0.0.1, until <c>mediagate mock</c> has the route: <c>POST
/// /v1beta/models/{model}:generateContent</c> with <c>responseModalities: ["AUDIO"]</c>, answered as the real API answers, with
/// inline base64 16-bit PCM, 24 kHz mono, <c>audio/L16;codec=pcm;rate=24000</c>. The speech is eSpeak's, so the aligner has real
/// words to find. A wrong key gets Google's 400 <c>API_KEY_INVALID</c>.
/// </summary>
internal sealed class GeminiTtsStandIn : IAsyncDisposable
{
    public const string Key = "stand-in-gemini-key";

    private readonly WebApplication _app;

    private GeminiTtsStandIn(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string? KeyHeader, JsonObject Body)> Requests { get; } = new();

    public Uri BaseUrl => new(_app.Urls.First());

    public static async Task<GeminiTtsStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new GeminiTtsStandIn(app);
        app.MapPost("/v1beta/models/{model}:generateContent", async (string model, HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var key = request.Headers["x-goog-api-key"].ToString();
            standIn.Requests.Enqueue((request.Path.Value!, key, body));
            if (key != Key)
            {
                return Results.Json(JsonNode.Parse("""
                    {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT",
                     "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID", "domain": "googleapis.com"}]}}
                    """), statusCode: 400);
            }
            var text = string.Concat(body["contents"]![0]!["parts"]!.AsArray().Select(p => (string?)p!["text"]));
            // What the model would say: the narration, not the delivery instruction before it.
            var spoken = text.Contains("\n\n", StringComparison.Ordinal) ? text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..] : text;
            var clip = await new LocalVoiceEngine().SpeakAsync(new SpeechRequest(spoken, SampleRate: 24000), CancellationToken.None);
            var pcm = new byte[clip.Samples.Length * 2];
            for (var i = 0; i < clip.Samples.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), (short)Math.Clamp(clip.Samples[i] * 32767f, -32768f, 32767f));
            }
            return Results.Json(new JsonObject
            {
                ["candidates"] = new JsonArray(new JsonObject
                {
                    ["content"] = new JsonObject
                    {
                        ["role"] = "model",
                        ["parts"] = new JsonArray(new JsonObject
                        {
                            ["inlineData"] = new JsonObject { ["mimeType"] = "audio/L16;codec=pcm;rate=24000", ["data"] = Convert.ToBase64String(pcm) },
                        }),
                    },
                    ["finishReason"] = "STOP",
                    ["index"] = 0,
                }),
                ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 9, ["candidatesTokenCount"] = 120, ["totalTokenCount"] = 129 },
                ["modelVersion"] = model,
                ["responseId"] = Guid.NewGuid().ToString("N"),
            });
        });
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

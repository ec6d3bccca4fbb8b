using System.Text.Json.Nodes;
using Mediagate.Http;
using Mediagate.Platform;

namespace Mediagate.Providers.Gemini;

/// <summary>
/// Google's Gemini API, <c>POST /v1beta/models/{model}:generateContent</c>: describing an image (text plus <c>inline_data</c>),
/// Lyria 3 music (<c>lyria-3-clip-preview</c>, a 30 s MP3 part plus a text part), and speech from a TTS model
/// (<c>responseModalities: ["AUDIO"]</c>, answered with inline 16-bit PCM).
/// </summary>
public sealed class GeminiClient : KeyedProviderClient
{
    /// <summary>The peer's description model.</summary>
    public const string DefaultDescribeModel = "gemini-3.1-flash-lite-preview";

    /// <summary>The Lyria 3 clip model.</summary>
    public const string LyriaModel = "lyria-3-clip-preview";

    /// <summary>Creates the client for a key and a base URL such as <c>https://generativelanguage.googleapis.com/</c>.</summary>
    public GeminiClient(HttpClient http, Uri baseUrl, string apiKey, RetryPolicy? policy = null, TimeProvider? time = null)
        : base(http, "Gemini", baseUrl, apiKey, policy, time)
    {
    }

    /// <summary>The description model: <c>MEDIAGATE_GEMINI_MODEL</c>, then the peer's <c>HYPERFRAMES_GEMINI_MODEL</c>, then the default.</summary>
    public static string DescribeModel(EnvironmentVariables environment) =>
        environment.Get("MEDIAGATE_GEMINI_MODEL") ?? environment.Get("HYPERFRAMES_GEMINI_MODEL") ?? DefaultDescribeModel;

    /// <summary>Describes an image in the words <paramref name="prompt"/> asks for.</summary>
    public async Task<string> DescribeAsync(string model, string prompt, ReadOnlyMemory<byte> image, string mimeType, CancellationToken cancellationToken)
    {
        var parts = new JsonArray(
            new JsonObject { ["text"] = prompt },
            new JsonObject { ["inline_data"] = new JsonObject { ["mime_type"] = mimeType, ["data"] = Convert.ToBase64String(image.Span) } });
        var answer = await GenerateAsync(model, parts, new JsonObject { ["maxOutputTokens"] = 500 }, ProviderHttp.JsonLimit, cancellationToken).ConfigureAwait(false);
        return answer.Text is { Length: > 0 } text ? text.Trim() : throw Http.BadResponse("the answer has no text part");
    }

    /// <summary>Generates a 30 s Lyria 3 clip for a prompt: the audio part (MP3, or WAV on some servers) and the text part.</summary>
    public async Task<GeneratedAudio> GenerateMusicAsync(string prompt, CancellationToken cancellationToken)
    {
        var parts = new JsonArray(new JsonObject { ["text"] = prompt });
        var answer = await GenerateAsync(LyriaModel, parts, null, ProviderHttp.AudioLimit, cancellationToken).ConfigureAwait(false);
        return answer.Audio is { } audio
            ? new GeneratedAudio(audio.Bytes, audio.MimeType, answer.Text)
            : throw Http.BadResponse("the Lyria answer has no audio part");
    }

    /// <summary>Speaks <paramref name="text"/> with a prebuilt voice: the audio part (<c>audio/L16;codec=pcm;rate=24000</c>, or WAV).</summary>
    /// <param name="model">A TTS model such as <c>gemini-3.8-flash-tts</c>.</param>
    /// <param name="text">What to say; a delivery style, if any, is already part of it.</param>
    /// <param name="voice">A prebuilt voice name such as <c>Kore</c>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public async Task<GeneratedAudio> SpeakAsync(string model, string text, string voice, CancellationToken cancellationToken)
    {
        var parts = new JsonArray(new JsonObject { ["text"] = text });
        var config = new JsonObject
        {
            ["responseModalities"] = new JsonArray("AUDIO"),
            ["speechConfig"] = new JsonObject { ["voiceConfig"] = new JsonObject { ["prebuiltVoiceConfig"] = new JsonObject { ["voiceName"] = voice } } },
        };
        var answer = await GenerateAsync(model, parts, config, ProviderHttp.AudioLimit, cancellationToken).ConfigureAwait(false);
        return answer.Audio is { } audio
            ? new GeneratedAudio(audio.Bytes, audio.MimeType, answer.Text)
            : throw Http.BadResponse("the speech answer has no audio part");
    }

    private async Task<(string? Text, (byte[] Bytes, string MimeType)? Audio)> GenerateAsync(
        string model, JsonArray parts, JsonObject? config, int limit, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["contents"] = new JsonArray(new JsonObject { ["role"] = "user", ["parts"] = parts }) };
        if (config is not null)
        {
            body["generationConfig"] = config;
        }
        var root = await PostJsonAsync($"v1beta/models/{Uri.EscapeDataString(model)}:generateContent", body, "x-goog-api-key", Key, cancellationToken, limit).ConfigureAwait(false);
        var answerParts = ((root["candidates"] as JsonArray)?.FirstOrDefault() as JsonObject)?["content"]?["parts"] as JsonArray;
        if (answerParts is null)
        {
            var blocked = (root["promptFeedback"] as JsonObject)?["blockReason"]?.ToString();
            throw Http.BadResponse(blocked is null ? "the answer has no candidates" : $"the prompt was blocked ({blocked})");
        }
        var text = string.Concat(answerParts.OfType<JsonObject>().Select(p => JsonFields.Text(p, "text") ?? string.Empty));
        foreach (var part in answerParts.OfType<JsonObject>())
        {
            // The REST API answers in camelCase; snake_case is read too, as the SDKs accept both.
            if ((part["inlineData"] ?? part["inline_data"]) is JsonObject inline && JsonFields.Text(inline, "data") is { } data)
            {
                var mime = JsonFields.Text(inline, "mimeType") ?? JsonFields.Text(inline, "mime_type") ?? "application/octet-stream";
                try
                {
                    return (text, (Convert.FromBase64String(data), mime));
                }
                catch (FormatException ex)
                {
                    throw Http.BadResponse("the inline data is not base64", ex);
                }
            }
        }
        return (text, null);
    }
}

/// <summary>Generated audio: its bytes, its media type, and any text that came with it.</summary>
public sealed record GeneratedAudio(byte[] Bytes, string MimeType, string? Text)
{
    /// <summary>The file extension for the media type: .mp3 or .wav.</summary>
    public string Extension => MimeType.Contains("wav", StringComparison.OrdinalIgnoreCase) ? ".wav" : ".mp3";
}

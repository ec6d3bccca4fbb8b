using System.Text.Json.Nodes;
using Mediagate.Local.Music;
using Mediagate.Mock.Faults;
using Mediagate.Mock.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Mock.Gemini;

/// <summary>
/// Gemini <c>POST /v1beta/models/{model}:generateContent</c> (<c>x-goog-api-key</c> or <c>?key=</c>): an image description for
/// text plus <c>inline_data</c>, and for <c>lyria-3-clip-preview</c> a 30 s MP3 part from the local composer plus a text part.
/// </summary>
internal static class GeminiRoutes
{
    public static IEndpointRouteBuilder MapGemini(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1beta/models/{model}:generateContent", async (string model, HttpRequest request, MockState state) =>
        {
            var key = request.Headers["x-goog-api-key"].ToString() is { Length: > 0 } header ? header : request.Query["key"].ToString();
            if (!state.Options.GeminiKeys.Contains(key))
            {
                return MockRequests.Error(ErrorBodies.GoogleBadKey(), 400);
            }
            var parts = ((await MockRequests.JsonBodyAsync(request))?["contents"] as JsonArray)
                ?.OfType<JsonObject>().SelectMany(c => (c["parts"] as JsonArray)?.OfType<JsonObject>() ?? []).ToList();
            if (parts is null || parts.Count == 0)
            {
                return MockRequests.Error(ErrorBodies.Google(400, "contents must hold at least one part", "INVALID_ARGUMENT"), 400);
            }
            var prompt = string.Join(" ", parts.Select(p => p["text"]?.ToString()).Where(t => !string.IsNullOrWhiteSpace(t)));
            JsonArray answer;
            if (model.StartsWith("lyria", StringComparison.OrdinalIgnoreCase))
            {
                if (prompt.Length == 0)
                {
                    return MockRequests.Error(ErrorBodies.Google(400, "a text prompt is required", "INVALID_ARGUMENT"), 400);
                }
                var mp3 = await Task.Run(() => MockMedia.ComposeMp3(prompt, 30));
                var style = StyleParser.Parse(prompt, seed: 1);
                answer = new JsonArray(
                    new JsonObject { ["text"] = $"[Instrumental] {style.Mood}, {style.Bpm} BPM, {(style.Minor ? "minor" : "major")} key, 30 seconds." },
                    new JsonObject { ["inlineData"] = new JsonObject { ["mimeType"] = "audio/mpeg", ["data"] = Convert.ToBase64String(mp3) } });
            }
            else
            {
                var image = parts.Select(p => p["inline_data"] ?? p["inlineData"]).OfType<JsonObject>().FirstOrDefault();
                string sentence;
                if (image?["data"]?.ToString() is { } data)
                {
                    byte[] bytes;
                    try
                    {
                        bytes = Convert.FromBase64String(data);
                    }
                    catch (FormatException)
                    {
                        return MockRequests.Error(ErrorBodies.Google(400, "inline_data.data is not base64", "INVALID_ARGUMENT"), 400);
                    }
                    sentence = ImageFacts.Describe(bytes)
                        ?? "An image in a format the model could not read.";
                }
                else
                {
                    sentence = prompt.Length == 0 ? "(no prompt)" : $"You asked: {prompt}";
                }
                answer = new JsonArray(new JsonObject { ["text"] = sentence });
            }
            return Results.Json(new JsonObject
            {
                ["candidates"] = new JsonArray(new JsonObject
                {
                    ["content"] = new JsonObject { ["role"] = "model", ["parts"] = answer },
                    ["finishReason"] = "STOP",
                    ["index"] = 0,
                }),
                ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = prompt.Length / 4 + 258, ["candidatesTokenCount"] = 24 },
                ["modelVersion"] = model,
            });
        });
        return app;
    }
}

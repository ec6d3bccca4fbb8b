using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Mock.Gemini;

/// <summary>
/// An answer's parts, and how it goes out: one <c>GenerateContentResponse</c>, or for <c>:streamGenerateContent</c> several
/// (a JSON array, or server-sent events <c>data: {…}</c> with <c>?alt=sse</c>, as @google/genai reads them).
/// </summary>
internal sealed record GeminiResponse(string Model, IReadOnlyList<JsonArray> Chunks, int PromptTokens, int CandidateTokens, string Modality)
{
    private readonly string _id = Base64Url(RandomNumberGenerator.GetBytes(16));

    /// <summary>The whole answer as one response.</summary>
    public IResult Single()
    {
        // Text pieces join into one text part, and audio pieces of one MIME type into one inlineData part, as a unary call answers.
        var parts = new JsonArray();
        foreach (var part in Chunks.SelectMany(c => c).OfType<JsonObject>())
        {
            var previous = parts.Count > 0 ? (JsonObject)parts[^1]! : null;
            if (part["text"] is { } text && previous?["text"] is { } before)
            {
                previous["text"] = before.ToString() + text;
            }
            else if (part["inlineData"] is JsonObject data && previous?["inlineData"] is JsonObject earlier
                && (string?)earlier["mimeType"] == (string?)data["mimeType"])
            {
                earlier["data"] = Convert.ToBase64String([.. Convert.FromBase64String((string)earlier["data"]!), .. Convert.FromBase64String((string)data["data"]!)]);
            }
            else
            {
                parts.Add(part.DeepClone());
            }
        }
        return Results.Json(Response(parts, last: true));
    }

    /// <summary>The answer in pieces; <paramref name="sse"/> for <c>alt=sse</c>.</summary>
    public IResult Stream(HttpRequest request, bool sse) => Results.Stream(async stream =>
    {
        var cancel = request.HttpContext.RequestAborted;
        if (!sse)
        {
            var array = new JsonArray([.. Chunks.Select((c, i) => (JsonNode)Response((JsonArray)c.DeepClone(), i == Chunks.Count - 1))]);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(array.ToJsonString()), cancel);
            return;
        }
        for (var i = 0; i < Chunks.Count; i++)
        {
            var data = "data: " + Response((JsonArray)Chunks[i].DeepClone(), i == Chunks.Count - 1).ToJsonString() + "\r\n\r\n";
            await stream.WriteAsync(Encoding.UTF8.GetBytes(data), cancel);
            await stream.FlushAsync(cancel);
        }
    }, sse ? "text/event-stream" : "application/json");

    private JsonObject Response(JsonArray parts, bool last)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["parts"] = parts, ["role"] = "model" },
        };
        if (last)
        {
            candidate["finishReason"] = "STOP";
        }
        candidate["index"] = 0;
        var usage = new JsonObject
        {
            ["promptTokenCount"] = PromptTokens,
            ["candidatesTokenCount"] = CandidateTokens,
            ["totalTokenCount"] = PromptTokens + CandidateTokens,
            ["promptTokensDetails"] = new JsonArray(new JsonObject { ["modality"] = "TEXT", ["tokenCount"] = PromptTokens }),
            ["candidatesTokensDetails"] = new JsonArray(new JsonObject { ["modality"] = Modality, ["tokenCount"] = CandidateTokens }),
        };
        return new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["usageMetadata"] = usage,
            ["modelVersion"] = Model,
            ["responseId"] = _id,
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

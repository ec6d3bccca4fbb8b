using System.Text.Json.Nodes;
using Mediagate.Http;
using Mediagate.Platform;

namespace Mediagate.Providers.OpenRouter;

/// <summary>OpenRouter chat completions (<c>POST /api/v1/chat/completions</c>) with an <c>image_url</c> data URL, to describe an image.</summary>
public sealed class OpenRouterClient : KeyedProviderClient
{
    /// <summary>The peer's description model.</summary>
    public const string DefaultModel = "google/gemini-3.1-flash-lite";

    /// <summary>Creates the client for a key and a base URL such as <c>https://openrouter.ai/</c>.</summary>
    public OpenRouterClient(HttpClient http, Uri baseUrl, string apiKey, RetryPolicy? policy = null, TimeProvider? time = null)
        : base(http, "OpenRouter", baseUrl, apiKey, policy, time)
    {
    }

    /// <summary>The model: <c>MEDIAGATE_OPENROUTER_MODEL</c>, then the peer's <c>HYPERFRAMES_OPENROUTER_MODEL</c>, then the default.</summary>
    public static string Model(EnvironmentVariables environment) =>
        environment.Get("MEDIAGATE_OPENROUTER_MODEL") ?? environment.Get("HYPERFRAMES_OPENROUTER_MODEL") ?? DefaultModel;

    /// <summary>Describes an image in the words <paramref name="prompt"/> asks for.</summary>
    public async Task<string> DescribeAsync(string model, string prompt, ReadOnlyMemory<byte> image, string mimeType, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = 500,
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["text"] = prompt },
                    new JsonObject
                    {
                        ["type"] = "image_url",
                        ["image_url"] = new JsonObject { ["url"] = $"data:{mimeType};base64,{Convert.ToBase64String(image.Span)}" },
                    }),
            }),
        };
        var root = await PostJsonAsync("api/v1/chat/completions", body, "Authorization", "Bearer " + Key, cancellationToken).ConfigureAwait(false);
        // OpenRouter can answer 200 with an error object when the upstream model fails.
        if (root["error"] is JsonObject error)
        {
            throw Http.BadResponse($"the model failed: {SecretScrubber.Scrub(JsonFields.Text(error, "message") ?? error.ToJsonString(), Key)}");
        }
        var message = ((root["choices"] as JsonArray)?.FirstOrDefault() as JsonObject)?["message"] as JsonObject;
        return message is not null && JsonFields.Text(message, "content") is { } content
            ? content.Trim()
            : throw Http.BadResponse("the answer has no choices[0].message.content");
    }
}

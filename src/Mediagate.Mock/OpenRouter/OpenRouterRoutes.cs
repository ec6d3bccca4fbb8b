using System.Text.Json.Nodes;
using Mediagate.Mock.Faults;
using Mediagate.Mock.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Mock.OpenRouter;

/// <summary>OpenRouter <c>POST /api/v1/chat/completions</c> with bearer auth, answering an <c>image_url</c> data URL with a description.</summary>
internal static class OpenRouterRoutes
{
    public static IEndpointRouteBuilder MapOpenRouter(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/chat/completions", async (HttpRequest request, MockState state) =>
        {
            var auth = request.Headers.Authorization.ToString();
            if (!auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !state.Options.OpenRouterKeys.Contains(auth[7..].Trim()))
            {
                return MockRequests.Error(ErrorBodies.For("/api/v1", 401), 401);
            }
            var body = await MockRequests.JsonBodyAsync(request);
            var model = body?["model"]?.ToString();
            var content = (body?["messages"] as JsonArray)?.OfType<JsonObject>().SelectMany(m => m["content"] switch
            {
                JsonArray parts => parts.OfType<JsonObject>(),
                JsonValue text => [new JsonObject { ["type"] = "text", ["text"] = text.ToString() }],
                _ => [],
            }).ToList();
            if (string.IsNullOrEmpty(model) || content is null || content.Count == 0)
            {
                return MockRequests.Error(ErrorBodies.OpenRouter(400, "model and messages are required"), 400);
            }
            var url = content.Select(c => (c["image_url"] as JsonObject)?["url"]?.ToString()).FirstOrDefault(u => u is not null);
            string answer;
            if (url is not null)
            {
                var comma = url.IndexOf(',', StringComparison.Ordinal);
                if (!url.StartsWith("data:", StringComparison.Ordinal) || comma < 0 || !url[..comma].EndsWith(";base64", StringComparison.Ordinal))
                {
                    return MockRequests.Error(ErrorBodies.OpenRouter(400, "image_url must be a base64 data URL"), 400);
                }
                try
                {
                    answer = ImageFacts.Describe(Convert.FromBase64String(url[(comma + 1)..])) ?? "An image in a format the model could not read.";
                }
                catch (FormatException)
                {
                    return MockRequests.Error(ErrorBodies.OpenRouter(400, "image_url data is not base64"), 400);
                }
            }
            else
            {
                answer = "You asked: " + string.Join(" ", content.Select(c => c["text"]?.ToString()));
            }
            return Results.Json(new JsonObject
            {
                ["id"] = "gen-mock-" + Guid.NewGuid().ToString("N")[..12],
                ["object"] = "chat.completion",
                ["created"] = state.Time.GetUtcNow().ToUnixTimeSeconds(),
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 300, ["completion_tokens"] = 24, ["total_tokens"] = 324 },
            });
        });
        return app;
    }
}

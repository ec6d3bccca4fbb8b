using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mediagate.Mock.Media;

/// <summary>Small helpers the mock's routes share: reading a JSON body, and the absolute URL of a served file.</summary>
internal static class MockRequests
{
    /// <summary>The body as a JSON object, or null when it is missing or not a JSON object.</summary>
    public static async Task<JsonObject?> JsonBodyAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The URL of a file under <c>/files/</c> on this mock: under <c>--public-url</c> when set, else as the host the client used sees it.</summary>
    public static string FileUrl(HttpRequest request, string id)
    {
        var state = request.HttpContext.RequestServices.GetRequiredService<MockState>();
        return state.Options.PublicUrl is null
            ? $"{request.Scheme}://{request.Host}/files/{id}"
            : new Uri(state.PublicBaseUrl, "files/" + id).ToString();
    }

    /// <summary>A JSON answer with a status, from raw JSON text.</summary>
    public static IResult Error(string json, int status) => Results.Text(json, "application/json", statusCode: status);
}

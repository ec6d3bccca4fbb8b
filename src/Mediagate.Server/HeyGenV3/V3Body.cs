using System.Text.Json;
using System.Text.Json.Nodes;
using Mediagate.Server.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mediagate.Server.HeyGenV3;

/// <summary>Reads a <c>/v3</c> request body: one JSON object, duplicate keys refused, no deeper than the gateway allows.</summary>
internal static class V3Body
{
    /// <summary>The body as a JSON object; 400 otherwise. <paramref name="maxBytes"/> raises the gateway's body limit for this request (clone samples).</summary>
    public static async Task<JsonObject> ReadAsync(HttpRequest request, GatewayOptions options, string shape, long? maxBytes = null)
    {
        if (maxBytes is { } most && request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = Math.Max(most, options.MaxRequestBodyBytes);
        }
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, null,
                new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth, AllowDuplicateProperties = false }, request.HttpContext.RequestAborted);
            var body = node as JsonObject ?? throw ApiException.BadRequest($"the body must be a JSON object {shape}");
            // A repeated key or an escaped lone surrogate is a 400 here, not a failure when the body is sent upstream.
            RequestFields.CheckStrings(body);
            return body;
        }
        catch (JsonException ex) when (ex.Message.Contains("uplicate", StringComparison.Ordinal))
        {
            throw ApiException.BadRequest("the body has a key more than once; send each field once");
        }
        catch (JsonException)
        {
            throw ApiException.BadRequest($"the body is not valid JSON; send a JSON object {shape}");
        }
    }

    /// <summary>A string member, or null when it is absent or not a string.</summary>
    public static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

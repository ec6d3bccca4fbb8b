using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mediagate.Http;

/// <summary>A provider's answer, read whole within the attempt's timeout: status, content type, <c>Retry-After</c> and the body.</summary>
public sealed class ProviderResponse
{
    internal ProviderResponse(HttpStatusCode status, string? contentType, TimeSpan? retryAfter, ArraySegment<byte> body)
    {
        Status = status;
        ContentType = contentType;
        RetryAfter = retryAfter;
        Body = body;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The media type of the body, e.g. <c>audio/mpeg</c>.</summary>
    public string? ContentType { get; }

    /// <summary>The delay a <c>Retry-After</c> header asked for.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The body bytes.</summary>
    public ArraySegment<byte> Body { get; }

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The body as a JSON object.</summary>
    /// <exception cref="JsonException">The body is not a JSON object.</exception>
    public JsonObject JsonObject() =>
        JsonNode.Parse(Body) as JsonObject ?? throw new JsonException("the body is not a JSON object");
}

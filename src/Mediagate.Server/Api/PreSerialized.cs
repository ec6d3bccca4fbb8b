using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Mediagate.Server.Api;

/// <summary>A 200 whose JSON body, a <typeparamref name="T"/>, was serialised before (once, to be reused); the OpenAPI document shows <typeparamref name="T"/>.</summary>
/// <remarks>tts/create records the same text as its job's response; GET /accounts keeps its rendering for a second.</remarks>
internal sealed class PreSerialized<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    private const string ContentType = "application/json; charset=utf-8";
    private readonly string? _text;
    private readonly byte[]? _utf8;

    /// <param name="json">A <typeparamref name="T"/> serialised with <see cref="GatewayJson.Options"/>.</param>
    public PreSerialized(string json) => _text = json;

    /// <param name="utf8">A <typeparamref name="T"/> serialised with <see cref="GatewayJson.Options"/>, as UTF-8.</param>
    public PreSerialized(byte[] utf8) => _utf8 = utf8;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        if (_utf8 is { } bytes)
        {
            response.ContentLength = bytes.Length;
            return response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
        }
        response.ContentLength = Encoding.UTF8.GetByteCount(_text!);
        return response.WriteAsync(_text!, Encoding.UTF8, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}

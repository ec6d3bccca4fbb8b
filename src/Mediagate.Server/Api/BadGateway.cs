using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Mediagate.Server.Api;

/// <summary>A 502 with an <see cref="ApiError"/> body: the upstream failed, so the gateway could not do what was asked.</summary>
internal sealed class BadGateway(string message) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<ApiError>
{
    public ApiError Value { get; } = new(message, StatusCodes.Status502BadGateway);

    public int? StatusCode => StatusCodes.Status502BadGateway;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Json(Value, statusCode: StatusCodes.Status502BadGateway).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status502BadGateway, typeof(ApiError), ["application/json"]));
}

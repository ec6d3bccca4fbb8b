using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Mediagate.Server.Api;

/// <summary>The useapi.net error bodies (<see cref="ApiError"/>), and their declarations in the OpenAPI document.</summary>
internal static class ApiErrors
{
    public static JsonHttpResult<ApiError> Error(int status, string message) => TypedResults.Json(new ApiError(message, status), statusCode: status);

    public static JsonHttpResult<ApiError> Unauthorized { get; } = Error(StatusCodes.Status401Unauthorized, "Unauthorized");

    public static JsonHttpResult<ApiError> SubscriptionRequired { get; } = Error(StatusCodes.Status402PaymentRequired, "Subscription required");

    public static NotFound<ApiError> NotFound(string message) => TypedResults.NotFound(new ApiError(message, StatusCodes.Status404NotFound));

    public static BadRequest<ApiError> BadRequest(string message) => TypedResults.BadRequest(new ApiError(message, StatusCodes.Status400BadRequest));

    /// <summary>
    /// Declares <see cref="ApiError"/> bodies for statuses that a route answers through a thrown <see cref="ApiException"/>
    /// (turned into the body by <see cref="ApiExceptionMiddleware"/>) or through a filter, so they are not in the handler's signature.
    /// </summary>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata([.. statuses.Select(status => new ProducesResponseTypeMetadata(status, typeof(ApiError), ["application/json"]))]);

    /// <summary>useapi.net's "upstream session expired or broken; re-add the account via POST /accounts".</summary>
    public const int SessionBroken = 596;
}

/// <summary>A request the gateway refuses with a 4xx; the message says what is wrong and how to fix it.</summary>
internal sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
}

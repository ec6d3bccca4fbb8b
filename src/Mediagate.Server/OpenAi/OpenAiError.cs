using System.Reflection;
using Mediagate.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Mediagate.Server.OpenAi;

/// <summary>OpenAI's error body: <c>{"error": {message, type, param, code}}</c>.</summary>
/// <param name="error">What went wrong.</param>
#pragma warning disable IDE1006 // The names are the wire names.
internal sealed record OpenAiError(OpenAiErrorDetail error);

/// <summary>The inside of OpenAI's error body.</summary>
/// <param name="message">What is wrong and how to fix it.</param>
/// <param name="type">invalid_request_error, rate_limit_exceeded or server_error.</param>
/// <param name="param">Always null.</param>
/// <param name="code">The HTTP status.</param>
internal sealed record OpenAiErrorDetail(string message, string type, string? param, int code);
#pragma warning restore IDE1006

/// <summary>A refusal of <c>POST /v1/audio/speech</c> in OpenAI's error shape, with the status of the <see cref="ApiException"/> behind it.</summary>
internal sealed class OpenAiFailure(ApiException failure) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<OpenAiError>
{
    /// <summary>The statuses the route answers this way: validation and body limits, and the account pool's and HeyGen's failures.</summary>
    private static readonly int[] Statuses =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status412PreconditionFailed, StatusCodes.Status413PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError,
        StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable, ApiErrors.SessionBroken,
    ];

    public OpenAiError Value { get; } = new(new OpenAiErrorDetail(
        failure.Message,
        failure.Status == StatusCodes.Status429TooManyRequests ? "rate_limit_exceeded" : failure.Status < 500 ? "invalid_request_error" : "server_error",
        null,
        failure.Status));

    public int? StatusCode { get; } = failure.Status is >= 400 and < 600 ? failure.Status : StatusCodes.Status502BadGateway;

    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Json(Value, statusCode: StatusCode).ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        foreach (var status in Statuses)
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(OpenAiError), ["application/json"]));
        }
    }
}

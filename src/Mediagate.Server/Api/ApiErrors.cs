using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.Api;

/// <summary>The useapi.net error bodies: <c>{"error": …, "code": N}</c>.</summary>
internal static class ApiErrors
{
    public static IResult Error(int status, string message) =>
        Results.Json(new JsonObject { ["error"] = message, ["code"] = status }, statusCode: status);

    public static IResult Unauthorized { get; } = Error(StatusCodes.Status401Unauthorized, "Unauthorized");

    public static IResult SubscriptionRequired { get; } = Error(StatusCodes.Status402PaymentRequired, "Subscription required");

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);
}

/// <summary>A request the gateway refuses with a 4xx; the message says what is wrong and how to fix it.</summary>
internal sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
}

using Mediagate.Server.Api;
using Mediagate.Server.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Server.Tokens;

/// <summary>
/// Guards every <c>/v1</c> route: a bearer token that is active passes, always; inactive gets 402; bad or missing gets 401, or
/// 429 once its token id or its client address has failed too often (<see cref="FailedAuthLimiter"/>). The client address is
/// the connection's, or <c>X-Forwarded-For</c>'s through the forwarded-headers middleware when the peer is a known proxy.
/// </summary>
internal sealed class TokenFilter(TokenStore tokens, FailedAuthLimiter limiter, DeliveryMark deliveries) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var answer = await CheckAsync(http);
        return answer ?? await next(context);
    }

    /// <summary>Null when the caller may go on; otherwise the refusal, in OpenAI's error shape on the routes that speak OpenAI's API.</summary>
    private async ValueTask<IResult?> CheckAsync(HttpContext http)
    {
        var refusal = await RefusalAsync(http);
        return refusal is not null && http.GetEndpoint()?.Metadata.GetMetadata<OpenAiErrorShape>() is not null
            ? new OpenAi.OpenAiFailure(new ApiException(refusal.StatusCode ?? StatusCodes.Status401Unauthorized, refusal.Value!.Error))
            : refusal;
    }

    private async ValueTask<JsonHttpResult<ApiError>?> RefusalAsync(HttpContext http)
    {
        var check = await tokens.VerifyAsync(Presented(http.Request), http.RequestAborted);
        switch (check.State)
        {
            case TokenState.Active:
                http.Items[typeof(Caller)] = check.Caller;
                return null;
            case TokenState.Inactive:
                return ApiErrors.SubscriptionRequired;
            default:
                // The gateway's own webhook deliveries (a replyUrl pointing at itself) carry no token; they are not guesses.
                if (!deliveries.IsOwnDelivery(http.Request) && limiter.Fail(check.PresentedId, http.Connection.RemoteIpAddress))
                {
                    http.Response.Headers.RetryAfter = "60";
                    return ApiErrors.Error(StatusCodes.Status429TooManyRequests, "too many failed authentications from this client or for this token; wait a minute, then send a valid token");
                }
                return ApiErrors.Unauthorized;
        }
    }

    /// <summary>The bearer token of the request, if it has one.</summary>
    public static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}

/// <summary>Marks a route whose refusals use OpenAI's error body (<c>{"error": {message, type, param, code}}</c>), as OpenAI's SDKs parse.</summary>
internal sealed class OpenAiErrorShape;

/// <summary>Puts routes behind <see cref="TokenFilter"/>, and reads the caller it let through.</summary>
internal static class CallerExtensions
{
    /// <summary>Guards the group with <see cref="TokenFilter"/> and declares its refusals (401, 402, 429) on every route.</summary>
    public static RouteGroupBuilder RequireToken(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<TokenFilter>()
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status402PaymentRequired, StatusCodes.Status429TooManyRequests);

    public static Caller Caller(this HttpContext http) => (Caller)http.Items[typeof(Caller)]!;
}

using Mediagate.Server.Api;
using Mediagate.Server.Jobs;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// Guards every <c>/v3</c> route as HeyGen guards its own: a gateway token as <c>X-Api-Key</c> or <c>Authorization: Bearer</c>,
/// with the same token checks and failed-authentication limit as <c>/v1</c>; every refusal, the pool's included, in HeyGen's error shape.
/// </summary>
internal sealed class V3Filter(TokenStore tokens, FailedAuthLimiter limiter, DeliveryMark deliveries) : IEndpointFilter
{
    /// <summary>How long a caller told "every account is busy" should wait before asking again.</summary>
    public const string BusyRetryAfterSeconds = "2";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var check = await tokens.VerifyAsync(Presented(http.Request), http.RequestAborted);
        switch (check.State)
        {
            case TokenState.Active:
                http.Items[typeof(Caller)] = check.Caller;
                break;
            case TokenState.Inactive:
                return HeyGenError.Result(StatusCodes.Status401Unauthorized, "the gateway token is expired or revoked; create a new one with `mediagate tokens create`");
            default:
                if (!deliveries.IsOwnDelivery(http.Request) && limiter.Fail(check.PresentedId, http.Connection.RemoteIpAddress))
                {
                    http.Response.Headers.RetryAfter = "60";
                    return HeyGenError.Result(StatusCodes.Status429TooManyRequests, "too many failed authentications from this client or for this token; wait a minute, then send a valid token");
                }
                return HeyGenError.Result(StatusCodes.Status401Unauthorized,
                    "Unauthorized: send a Mediagate gateway token (from `mediagate tokens create`) as X-Api-Key or Authorization: Bearer");
        }
        try
        {
            return await next(context);
        }
        catch (ApiException ex) when (!http.Response.HasStarted)
        {
            if (ex.Status == StatusCodes.Status429TooManyRequests)
            {
                http.Response.Headers.RetryAfter = BusyRetryAfterSeconds;
            }
            // 596 (useapi.net's "session broken") means nothing to HeyGen's clients: the account is out of service.
            return HeyGenError.Result(ex.Status == ApiErrors.SessionBroken ? StatusCodes.Status503ServiceUnavailable : ex.Status, ex.Message);
        }
    }

    /// <summary>The token of the request: <c>X-Api-Key</c>, else a bearer token, as HeyGen reads its keys and OAuth tokens.</summary>
    public static string? Presented(HttpRequest request) =>
        request.Headers["X-Api-Key"].ToString() is { Length: > 0 } key ? key.Trim() : TokenFilter.Presented(request);
}

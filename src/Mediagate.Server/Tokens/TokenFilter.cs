using Mediagate.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Server.Tokens;

/// <summary>
/// Guards every <c>/v1</c> route: a bearer token that is active passes; inactive gets 402, bad or missing gets 401; a client
/// that keeps failing gets 429 until its window passes.
/// </summary>
internal sealed class TokenFilter(TokenStore tokens, FailedAuthLimiter limiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (limiter.IsBlocked(client))
        {
            http.Response.Headers.RetryAfter = "60";
            return ApiErrors.Error(StatusCodes.Status429TooManyRequests, "too many failed authentications from this client; wait a minute, then send a valid token");
        }
        var header = http.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var check = await tokens.VerifyAsync(presented, http.RequestAborted);
        switch (check.State)
        {
            case TokenState.Active:
                http.Items[typeof(Caller)] = check.Caller;
                return await next(context);
            case TokenState.Inactive:
                return ApiErrors.SubscriptionRequired;
            default:
                limiter.Fail(client);
                return ApiErrors.Unauthorized;
        }
    }
}

/// <summary>Puts routes behind <see cref="TokenFilter"/>, and reads the caller it let through.</summary>
internal static class CallerExtensions
{
    /// <summary>Guards the group with <see cref="TokenFilter"/> and declares its refusals (401, 402, 429) on every route.</summary>
    public static RouteGroupBuilder RequireToken(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<TokenFilter>()
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status402PaymentRequired, StatusCodes.Status429TooManyRequests);

    public static Caller Caller(this HttpContext http) => (Caller)http.Items[typeof(Caller)]!;
}

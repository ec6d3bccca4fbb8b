using Mediagate.Mock.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Mock.HeyGen;

/// <summary>HeyGen's <c>GET /v3/users/me</c>, authenticated by <c>X-Api-Key</c> or an issued bearer token.</summary>
internal static class HeyGenIdentityRoutes
{
    public static IEndpointRouteBuilder MapHeyGenIdentity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v3/users/me", (HttpRequest request, MockState state) =>
        {
            if (Authenticate(request, state) is not { } user)
            {
                return Results.Text(ErrorBodies.For("/v3", 401), "application/json", statusCode: 401);
            }
            var data = new Dictionary<string, object?>
            {
                ["username"] = user.Username,
                ["email"] = user.Email,
                ["first_name"] = user.FirstName,
                ["last_name"] = user.LastName,
                ["billing_type"] = user.BillingType,
                ["wallet"] = new Dictionary<string, object?> { ["currency"] = "USD", ["remaining_balance"] = user.WalletBalance, ["auto_reload"] = false },
                ["subscription"] = new Dictionary<string, object?>
                {
                    ["plan"] = user.Plan,
                    ["credits"] = new Dictionary<string, object?>
                    {
                        ["premium_credits"] = new Dictionary<string, object?> { ["remaining"] = user.PremiumCredits, ["resets_at"] = "2026-12-01T00:00:00Z" },
                        ["add_on_credits"] = new Dictionary<string, object?> { ["remaining"] = 0, ["resets_at"] = null },
                    },
                },
                ["usage_based"] = new Dictionary<string, object?> { ["spending_current_usd"] = 1.25m, ["spending_cap_usd"] = 50m },
            };
            object body = state.Options.WrapResponses
                ? new Dictionary<string, object?> { ["code"] = 100, ["message"] = "Success", ["data"] = data }
                : data;
            return Results.Json(body);
        });
        return app;
    }

    /// <summary>The account behind the request's API key or live bearer token, or null.</summary>
    public static MockUser? Authenticate(HttpRequest request, MockState state)
    {
        if (request.Headers["X-Api-Key"].ToString() is { Length: > 0 } key)
        {
            return state.Options.HeyGenApiKeys.TryGetValue(key, out var keyUser) ? keyUser : null;
        }
        var auth = request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return state.AccessTokens.TryGetValue(auth[7..].Trim(), out var token) && !token.Revoked && token.ExpiresAt > state.Time.GetUtcNow()
            ? token.User
            : null;
    }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mediagate.Mock.Faults;
using Mediagate.Mock.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Mock.HeyGen;

/// <summary>
/// The HeyGen web login that the gateway uses for email-and-password accounts: <c>POST /v1/web/login</c> with
/// <c>{email, password}</c> (JSON or form) gives a session with the fields of the useapi.net seed. Its <c>access_token</c> then
/// works as a bearer token on the <c>/v3</c> routes until <c>ExpireTime</c>.
/// </summary>
internal static class WebLoginRoutes
{
    /// <summary>The route, relative to <c>MEDIAGATE_HEYGEN_WEB_URL</c>.</summary>
    public const string LoginPath = "/v1/web/login";

    public static IEndpointRouteBuilder MapWebLogin(this IEndpointRouteBuilder app)
    {
        app.MapPost(LoginPath, async (HttpRequest request, MockState state) =>
        {
            string? email, password;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                (email, password) = (form["email"].ToString(), form["password"].ToString());
            }
            else
            {
                var body = await MockRequests.JsonBodyAsync(request);
                (email, password) = (body?["email"]?.ToString(), body?["password"]?.ToString());
            }
            if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
            {
                return MockRequests.Error(ErrorBodies.HeyGen("invalid_parameter", "email and password are required"), 400);
            }
            if (!state.Options.WebAccounts.TryGetValue(email, out var expected)
                || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(password)))
            {
                return MockRequests.Error(ErrorBodies.HeyGen("invalid_credentials", "Account does not exist or password is incorrect"), 401);
            }
            var expires = state.Time.GetUtcNow().AddSeconds(state.Options.SessionLifetimeSeconds);
            var accessToken = "mock_web_at_" + Random();
            var user = new MockUser(email, Username: email);
            state.AccessTokens[accessToken] = new IssuedToken(user, expires);
            var session = new JsonObject
            {
                ["heygen_session"] = "mock_hs_" + Random(),
                ["ExpireTime"] = expires.ToUnixTimeMilliseconds(),
                ["ExpireTimeUTC"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["access_token"] = accessToken,
                ["session_token"] = "mock_st_" + Random(),
                ["space_id"] = "space_" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.ToLowerInvariant())))[..12],
                ["token"] = "mock_tk_" + Random(),
                ["username"] = email,
                ["ack_agreement"] = true,
                ["internal"] = false,
                ["need_mfa"] = false,
            };
            return Results.Json(new JsonObject { ["code"] = 100, ["message"] = "Success", ["data"] = session });
        });
        return app;
    }

    private static string Random() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

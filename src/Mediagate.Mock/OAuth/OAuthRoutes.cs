using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Mock.OAuth;

/// <summary>
/// HeyGen's OAuth server as the CLIs use it: an authorize page that approves at once and redirects, the token endpoint
/// (authorization_code with PKCE, refresh_token, device_code grants), device authorization, a verification page, and revocation.
/// </summary>
internal static class OAuthRoutes
{
    private const string DeviceGrantType = "urn:ietf:params:oauth:grant-type:device_code";

    public static IEndpointRouteBuilder MapOAuth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/authorize", Authorize);
        app.MapPost("/v1/oauth/token", Token);
        app.MapPost("/v1/oauth/device_authorization", DeviceAuthorization);
        app.MapGet("/oauth/device", VerifyDevice);
        app.MapPost("/v1/oauth/revoke", Revoke);
        return app;
    }

    private static IResult Authorize(HttpRequest request, MockState state)
    {
        var q = request.Query;
        var clientId = q["client_id"].ToString();
        var redirect = q["redirect_uri"].ToString();
        if (!state.Options.OAuthClientIds.Contains(clientId))
        {
            return Results.Text("Unknown client_id.", statusCode: 400);
        }
        if (!Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri) || !redirectUri.IsLoopback || redirectUri.Scheme != "http")
        {
            return Results.Text("redirect_uri must be an http loopback address (RFC 8252).", statusCode: 400);
        }
        var state_ = q["state"].ToString();
        if (q["response_type"] != "code" || q["code_challenge_method"] != "S256" || q["code_challenge"].ToString().Length < 43)
        {
            return Results.Redirect($"{redirect}?error=invalid_request&state={Uri.EscapeDataString(state_)}");
        }
        if (q["mock_deny"] == "1")
        {
            return Results.Redirect($"{redirect}?error=access_denied&state={Uri.EscapeDataString(state_)}");
        }
        var code = Random("code");
        state.Codes[code] = new AuthorizationCode(clientId, redirect, q["code_challenge"]!, state.Time.GetUtcNow().AddMinutes(5));
        return Results.Redirect($"{redirect}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state_)}");
    }

    private static async Task<IResult> Token(HttpRequest request, MockState state)
    {
        if (!request.HasFormContentType)
        {
            return Error(400, "invalid_request", "The body must be application/x-www-form-urlencoded.");
        }
        var form = await request.ReadFormAsync();
        var clientId = form["client_id"].ToString();
        if (!state.Options.OAuthClientIds.Contains(clientId))
        {
            return Error(401, "invalid_client", "Unknown client_id.");
        }
        var now = state.Time.GetUtcNow();
        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                if (!state.Codes.TryRemove(form["code"].ToString(), out var code) || code.ExpiresAt < now || code.ClientId != clientId)
                {
                    return Error(400, "invalid_grant", "The authorization code is invalid or expired.");
                }
                if (code.RedirectUri != form["redirect_uri"].ToString())
                {
                    return Error(400, "invalid_grant", "redirect_uri does not match the authorize request.");
                }
                var verifier = form["code_verifier"].ToString();
                var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                if (verifier.Length is < 43 or > 128 || challenge != code.Challenge)
                {
                    return Error(400, "invalid_grant", "PKCE verification failed.");
                }
                return Issue(state, state.Options.OAuthUser, refreshToken: null);
            case "refresh_token":
                var refresh = form["refresh_token"].ToString();
                if (!state.RefreshTokens.TryGetValue(refresh, out var user))
                {
                    return Error(400, "invalid_grant", "The refresh token is invalid or revoked.");
                }
                if (state.Options.RotateRefreshTokens)
                {
                    state.RefreshTokens.TryRemove(refresh, out _);
                    return Issue(state, user, refreshToken: null);
                }
                return Issue(state, user, refreshToken: refresh, includeRefresh: false);
            case DeviceGrantType:
                return PollDevice(form["device_code"].ToString(), clientId, state, now);
            default:
                return Error(400, "unsupported_grant_type", "grant_type is not supported.");
        }
    }

    private static IResult PollDevice(string deviceCode, string clientId, MockState state, DateTimeOffset now)
    {
        if (!state.DeviceGrants.TryGetValue(deviceCode, out var grant) || grant.ClientId != clientId)
        {
            return Error(400, "invalid_grant", "Unknown device_code.");
        }
        var outcome = state.NextScriptedPoll();
        if (outcome is null)
        {
            var tooSoon = grant.LastPoll is { } last && now - last < TimeSpan.FromSeconds(state.Options.DeviceIntervalSeconds);
            outcome = grant.ExpiresAt < now ? "expired_token"
                : grant.Decision ?? (tooSoon ? "slow_down" : "authorization_pending");
        }
        grant.LastPoll = now;
        if (outcome == "approve")
        {
            state.DeviceGrants.TryRemove(deviceCode, out _);
            return Issue(state, state.Options.OAuthUser, refreshToken: null);
        }
        if (outcome is "access_denied" or "expired_token")
        {
            state.DeviceGrants.TryRemove(deviceCode, out _);
        }
        return Error(400, outcome, outcome.Replace('_', ' '));
    }

    private static async Task<IResult> DeviceAuthorization(HttpRequest request, MockState state)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var clientId = form?["client_id"].ToString() ?? string.Empty;
        if (!state.Options.OAuthClientIds.Contains(clientId))
        {
            return Error(401, "invalid_client", "Unknown client_id.");
        }
        var userCode = $"{Letters(4)}-{Letters(4)}";
        var deviceCode = Random("dc");
        state.DeviceGrants[deviceCode] = new DeviceGrant(deviceCode, userCode, clientId, state.Time.GetUtcNow().AddSeconds(state.Options.DeviceExpiresInSeconds));
        var baseUrl = $"{request.Scheme}://{request.Host}";
        return Results.Json(new Dictionary<string, object>
        {
            ["device_code"] = deviceCode,
            ["user_code"] = userCode,
            ["verification_uri"] = $"{baseUrl}/oauth/device",
            ["verification_uri_complete"] = $"{baseUrl}/oauth/device?user_code={userCode}",
            ["expires_in"] = state.Options.DeviceExpiresInSeconds,
            ["interval"] = state.Options.DeviceIntervalSeconds,
        });
    }

    private static IResult VerifyDevice(HttpRequest request, MockState state)
    {
        var userCode = request.Query["user_code"].ToString();
        var approve = request.Query["deny"] != "1";
        var known = userCode.Length > 0 && state.DecideDevice(userCode, approve);
        var message = !known ? "Open this page with ?user_code=XXXX-XXXX to approve a sign-in."
            : approve ? $"Approved {userCode}. Return to the terminal." : $"Denied {userCode}.";
        return Results.Content($"<!doctype html><html><body><h1>Mediagate mock</h1><p>{System.Net.WebUtility.HtmlEncode(message)}</p></body></html>", "text/html", statusCode: known || userCode.Length == 0 ? 200 : 404);
    }

    private static async Task<IResult> Revoke(HttpRequest request, MockState state)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var token = form?["token"].ToString() ?? string.Empty;
        if (token.Length == 0)
        {
            return Error(400, "invalid_request", "token is required.");
        }
        state.Revoke(token);
        if (state.AccessTokens.TryGetValue(token, out var issued))
        {
            issued.Revoked = true;
        }
        state.RefreshTokens.TryRemove(token, out _);
        return Results.Ok();
    }

    private static IResult Issue(MockState state, MockUser user, string? refreshToken, bool includeRefresh = true)
    {
        var access = Random("at");
        var lifetime = state.Options.AccessTokenLifetimeSeconds;
        state.AccessTokens[access] = new IssuedToken(user, state.Time.GetUtcNow().AddSeconds(lifetime));
        var body = new Dictionary<string, object>
        {
            ["access_token"] = access,
            ["token_type"] = "Bearer",
            ["expires_in"] = lifetime,
            ["scope"] = "openid profile email",
        };
        if (includeRefresh)
        {
            var refresh = refreshToken ?? Random("rt");
            state.RefreshTokens[refresh] = user;
            body["refresh_token"] = refresh;
        }
        return Results.Json(body);
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private static string Random(string prefix) => $"mock-{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    private static string Letters(int count) => RandomNumberGenerator.GetString("BCDFGHJKLMNPQRSTVWXZ", count);
}

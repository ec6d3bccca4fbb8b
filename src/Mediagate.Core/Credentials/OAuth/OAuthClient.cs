using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediagate.Http;

namespace Mediagate.Credentials.OAuth;

/// <summary>Talks to HeyGen's OAuth token, device and revocation endpoints with form posts.</summary>
public sealed class OAuthClient
{
    /// <summary>The longest a single OAuth request may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The longest a best-effort revocation may take.</summary>
    public static readonly TimeSpan RevokeTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>Creates the client.</summary>
    public OAuthClient(HttpClient http, OAuthSettings settings, TimeProvider time)
    {
        _http = http;
        Settings = settings;
        _time = time;
    }

    /// <summary>The endpoints and client id in use.</summary>
    public OAuthSettings Settings { get; }

    /// <summary>Exchanges an authorization code for tokens (RFC 6749 §4.1.3, with the PKCE verifier).</summary>
    public async Task<OAuthTokenSet> ExchangeCodeAsync(string code, Uri redirectUri, string verifier, CancellationToken cancellationToken)
    {
        var (status, body, _) = await PostAsync(Settings.TokenUrl, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.OriginalString,
            ["client_id"] = Settings.RequireClientId(),
            ["code_verifier"] = verifier,
        }, RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            throw new OAuthException(OAuthErrorKind.Rejected, $"authorization code rejected ({ErrorText(body)}); please run `mediagate auth login` again");
        }
        return ParseTokens(status, body, "token exchange");
    }

    /// <summary>Exchanges a refresh token for a new access token (RFC 6749 §6).</summary>
    public async Task<OAuthTokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var (status, body, _) = await PostAsync(Settings.TokenUrl, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = Settings.RequireClientId(),
        }, RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            throw new OAuthException(OAuthErrorKind.Rejected, $"the refresh token was rejected ({ErrorText(body)}); sign in again: mediagate auth login");
        }
        return ParseTokens(status, body, "token refresh");
    }

    /// <summary>Starts a device authorization (RFC 8628 §3.1).</summary>
    public async Task<DeviceAuthorization> StartDeviceAsync(CancellationToken cancellationToken)
    {
        var (status, body, _) = await PostAsync(Settings.DeviceUrl, new Dictionary<string, string>
        {
            ["client_id"] = Settings.RequireClientId(),
            ["scope"] = Settings.Scope,
        }, RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw new OAuthException(OAuthErrorKind.Rejected, $"the device authorization request failed with HTTP {(int)status} ({ErrorText(body)})");
        }
        var root = ParseObject(body, "device authorization");
        var deviceCode = RequiredText(root, "device_code", "device authorization");
        var userCode = RequiredText(root, "user_code", "device authorization");
        var verification = SafeVerificationUri(RequiredText(root, "verification_uri", "device authorization"));
        var complete = Text(root, "verification_uri_complete") is { } c ? SafeVerificationUri(c) : null;
        var expiresIn = Seconds(root, "expires_in") ?? 900;
        var interval = Seconds(root, "interval") ?? 5;
        return new DeviceAuthorization(deviceCode, userCode, verification, complete, TimeSpan.FromSeconds(expiresIn), TimeSpan.FromSeconds(interval));
    }

    /// <summary>Polls the token endpoint once for a device code (RFC 8628 §3.4–3.5).</summary>
    public async Task<DevicePoll> PollDeviceAsync(string deviceCode, CancellationToken cancellationToken)
    {
        var (status, body, retryAfter) = await PostAsync(Settings.TokenUrl, new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["device_code"] = deviceCode,
            ["client_id"] = Settings.RequireClientId(),
        }, RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.OK)
        {
            return new DevicePoll(DevicePollStatus.Approved, ParseTokens(status, body, "device token"));
        }
        if (status == HttpStatusCode.TooManyRequests)
        {
            return new DevicePoll(DevicePollStatus.SlowDown, RetryAfter: retryAfter);
        }
        var error = TryParseObject(body) is { } root ? Text(root, "error") : null;
        return error switch
        {
            "authorization_pending" => new DevicePoll(DevicePollStatus.Pending),
            "slow_down" => new DevicePoll(DevicePollStatus.SlowDown, RetryAfter: retryAfter),
            "access_denied" => throw new OAuthException(OAuthErrorKind.AccessDenied, "the sign-in was denied in the browser; run `mediagate auth login --device` to try again"),
            "expired_token" => throw new OAuthException(OAuthErrorKind.Expired, "the device code expired before it was approved; run `mediagate auth login --device` again"),
            _ => throw new OAuthException(OAuthErrorKind.Rejected, $"the device token request failed with HTTP {(int)status} ({ErrorText(body)})"),
        };
    }

    /// <summary>Revokes a token, best effort (RFC 7009), within <see cref="RevokeTimeout"/>.</summary>
    /// <returns>The HTTP status, or null when the server could not be reached in time.</returns>
    public async Task<int?> RevokeAsync(string token, string tokenTypeHint, CancellationToken cancellationToken)
    {
        if (Settings.ClientId is null)
        {
            return null;
        }
        try
        {
            var (status, _, _) = await PostAsync(Settings.RevokeUrl, new Dictionary<string, string>
            {
                ["token"] = token,
                ["client_id"] = Settings.ClientId,
                ["token_type_hint"] = tokenTypeHint,
            }, RevokeTimeout, cancellationToken).ConfigureAwait(false);
            return (int)status;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> PostAsync(
        Uri url, Dictionary<string, string> form, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            var body = await HttpBody.ReadTextAsync(response, timeoutSource.Token).ConfigureAwait(false);
            return (response.StatusCode, body, HttpBody.RetryAfter(response.Headers, _time.GetUtcNow()));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"{url.GetLeftPart(UriPartial.Path)} did not answer within {timeout.TotalSeconds:0} s.");
        }
    }

    private static OAuthTokenSet ParseTokens(HttpStatusCode status, string body, string step)
    {
        if (status != HttpStatusCode.OK)
        {
            throw new OAuthException(OAuthErrorKind.Rejected, $"the {step} failed with HTTP {(int)status} ({ErrorText(body)})");
        }
        var root = ParseObject(body, step);
        var access = RequiredText(root, "access_token", step);
        var tokens = new OAuthTokenSet(access, Text(root, "refresh_token"), Text(root, "token_type"), Text(root, "scope"), Seconds(root, "expires_in"));
        foreach (var value in new[] { tokens.AccessToken, tokens.RefreshToken, tokens.TokenType, tokens.Scope })
        {
            if (value is not null && CredentialDocument.ContainsControlCharacters(value))
            {
                throw new OAuthException(OAuthErrorKind.BadResponse, $"the {step} returned a token with control characters; it was not saved");
            }
        }
        return tokens;
    }

    private static Uri SafeVerificationUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host == "localhost"))))
        {
            throw new OAuthException(OAuthErrorKind.BadResponse, $"the verification URI \"{SecretScrubber.Scrub(text)}\" is not https (or http on localhost); refusing to show it");
        }
        return uri;
    }

    private static JsonObject ParseObject(string body, string step) =>
        TryParseObject(body) ?? throw new OAuthException(OAuthErrorKind.BadResponse, $"the {step} answer is not a JSON object: {SecretScrubber.Scrub(body)}");

    private static JsonObject? TryParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string RequiredText(JsonObject root, string key, string step) =>
        Text(root, key) ?? throw new OAuthException(OAuthErrorKind.BadResponse, $"the {step} answer has no {key}");

    private static string? Text(JsonObject root, string key) => JsonFields.Text(root, key);

    private static double? Seconds(JsonObject root, string key) => JsonFields.Double(root, key);

    private static string ErrorText(string body)
    {
        if (TryParseObject(body) is { } root && Text(root, "error") is { } error)
        {
            return Text(root, "error_description") is { } description ? $"{error}: {SecretScrubber.Scrub(description)}" : error;
        }
        return body.Length == 0 ? "empty body" : SecretScrubber.Scrub(body);
    }
}

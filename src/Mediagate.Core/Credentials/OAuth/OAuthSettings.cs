using Mediagate.Platform;

namespace Mediagate.Credentials.OAuth;

/// <summary>Where HeyGen's OAuth endpoints are and which public client signs in.</summary>
/// <param name="ClientId">The public client id; null when none is configured.</param>
public sealed record OAuthSettings(string? ClientId, Uri AuthorizeUrl, Uri TokenUrl, Uri DeviceUrl, Uri RevokeUrl, string Scope)
{
    /// <summary>HeyGen's authorize page.</summary>
    public const string DefaultAuthorizeUrl = "https://app.heygen.com/oauth/authorize";

    /// <summary>HeyGen's token endpoint.</summary>
    public const string DefaultTokenUrl = "https://api2.heygen.com/v1/oauth/token";

    /// <summary>HeyGen's device authorization endpoint (RFC 8628).</summary>
    public const string DefaultDeviceUrl = "https://api2.heygen.com/v1/oauth/device_authorization";

    /// <summary>HeyGen's revocation endpoint (RFC 7009).</summary>
    public const string DefaultRevokeUrl = "https://api2.heygen.com/v1/oauth/revoke";

    /// <summary>The scopes asked for.</summary>
    public const string DefaultScope = "openid profile email";

    /// <summary>Reads <c>MEDIAGATE_OAUTH_*</c>, then the peer's <c>HYPERFRAMES_OAUTH_*</c>, then the defaults.</summary>
    public static OAuthSettings FromEnvironment(EnvironmentVariables environment)
    {
        string? Read(string suffix) => environment.FirstSet("MEDIAGATE_OAUTH_" + suffix, "HYPERFRAMES_OAUTH_" + suffix)?.Value.Trim();
        return new OAuthSettings(
            Read("CLIENT_ID"),
            new Uri(Read("AUTHORIZE_URL") ?? DefaultAuthorizeUrl),
            new Uri(Read("TOKEN_URL") ?? DefaultTokenUrl),
            new Uri(Read("DEVICE_URL") ?? DefaultDeviceUrl),
            new Uri(Read("REVOKE_URL") ?? DefaultRevokeUrl),
            DefaultScope);
    }

    /// <summary>The client id, or an error that says how to configure one.</summary>
    /// <exception cref="OAuthException">No client id is configured.</exception>
    public string RequireClientId() => ClientId ?? throw new OAuthException(
        OAuthErrorKind.NotConfigured,
        "OAuth client is not configured: set MEDIAGATE_OAUTH_CLIENT_ID (or HYPERFRAMES_OAUTH_CLIENT_ID) to the public client id HeyGen issued you, " +
        "or save an API key instead: mediagate auth login --api-key");
}

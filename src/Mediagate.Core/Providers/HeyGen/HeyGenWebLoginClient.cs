using System.Text.Json.Nodes;
using Mediagate.Http;

namespace Mediagate.Providers.HeyGen;

/// <summary>
/// HeyGen's web login (<c>POST /v1/web/login</c> under <c>MEDIAGATE_HEYGEN_WEB_URL</c>): email and password give a session whose
/// <c>access_token</c> is a bearer token on the <c>/v3</c> API until <c>ExpireTime</c>. The gateway uses it for web accounts.
/// </summary>
public sealed class HeyGenWebLoginClient
{
    /// <summary>The route, relative to the web base URL.</summary>
    public const string LoginPath = "v1/web/login";

    private readonly ProviderHttp _http;
    private readonly Uri _webUrl;

    /// <summary>Creates the client for a base URL such as <c>https://api2.heygen.com/</c>.</summary>
    public HeyGenWebLoginClient(HttpClient http, Uri webUrl, RetryPolicy? policy = null, TimeProvider? time = null)
    {
        _http = new ProviderHttp(http, "HeyGen web login", policy, time);
        _webUrl = webUrl;
    }

    /// <summary>Logs in; a rejected email or password throws a <see cref="ProviderException"/> whose failure is KeyRejected or Refused.</summary>
    public async Task<HeyGenWebSession> LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        var root = await _http.SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(_webUrl, LoginPath))
        {
            Content = ProviderHttp.JsonContent(new JsonObject { ["email"] = email, ["password"] = password }),
        }, [password], cancellationToken).ConfigureAwait(false);
        var data = root["data"] as JsonObject ?? root;
        string Required(string name) => JsonFields.Text(data, name) is { Length: > 0 } value ? value : throw _http.BadResponse($"the login answer has no {name}");
        var expireTime = JsonFields.Double(data, "ExpireTime") is { } ms ? (long)ms : throw _http.BadResponse("the login answer has no ExpireTime");
        return new HeyGenWebSession(
            Required("heygen_session"),
            expireTime,
            JsonFields.Text(data, "ExpireTimeUTC") ?? DateTimeOffset.FromUnixTimeMilliseconds(expireTime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            Required("access_token"),
            JsonFields.Text(data, "session_token") ?? "",
            JsonFields.Text(data, "space_id"),
            JsonFields.Text(data, "token") ?? "",
            JsonFields.Text(data, "username"),
            data["ack_agreement"]?.GetValueKind() == System.Text.Json.JsonValueKind.True,
            data["internal"]?.GetValueKind() == System.Text.Json.JsonValueKind.True,
            data["need_mfa"]?.GetValueKind() == System.Text.Json.JsonValueKind.True);
    }
}

/// <summary>A web login session, with the fields of the useapi.net account contract.</summary>
public sealed record HeyGenWebSession(
    string HeygenSession,
    long ExpireTime,
    string ExpireTimeUtc,
    string AccessToken,
    string SessionToken,
    string? SpaceId,
    string Token,
    string? Username,
    bool AckAgreement,
    bool Internal,
    bool NeedMfa)
{
    /// <inheritdoc />
    public override string ToString() => $"HeyGen web session for {Username} until {ExpireTimeUtc}";
}

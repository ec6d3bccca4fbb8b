namespace Mediagate.Credentials.OAuth;

/// <summary>Browser sign-in: authorization code with PKCE S256 and a loopback redirect (RFC 6749, 7636, 8252).</summary>
public sealed class BrowserLoginFlow
{
    /// <summary>How long the flow waits for the browser to come back.</summary>
    public static readonly TimeSpan DefaultCallbackTimeout = TimeSpan.FromSeconds(120);

    private readonly OAuthClient _client;
    private readonly TimeProvider _time;

    /// <summary>Creates the flow.</summary>
    public BrowserLoginFlow(OAuthClient client, TimeProvider time)
    {
        _client = client;
        _time = time;
    }

    /// <summary>Runs the flow and returns the tokens.</summary>
    /// <param name="openBrowser">Shows the authorize URL to the user; it must return without waiting for the sign-in to finish.</param>
    /// <param name="callbackTimeout">How long to wait for the redirect; 120 s by default.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<OAuthTokenSet> RunAsync(Func<Uri, Uri, Task> openBrowser, TimeSpan? callbackTimeout, CancellationToken cancellationToken)
    {
        var settings = _client.Settings;
        var clientId = settings.RequireClientId();
        var verifier = Pkce.CreateVerifier();
        var state = Pkce.CreateState();
        using var listener = LoopbackCallbackListener.Start();
        var authorize = AuthorizeUrl(settings, clientId, listener.RedirectUri, state, Pkce.Challenge(verifier));
        await openBrowser(authorize, listener.RedirectUri).ConfigureAwait(false);
        var code = await listener.WaitForCodeAsync(state, callbackTimeout ?? DefaultCallbackTimeout, _time, cancellationToken).ConfigureAwait(false);
        return await _client.ExchangeCodeAsync(code, listener.RedirectUri, verifier, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The authorize URL: <c>response_type=code&amp;client_id&amp;redirect_uri&amp;scope&amp;state&amp;code_challenge&amp;code_challenge_method=S256</c>.</summary>
    public static Uri AuthorizeUrl(OAuthSettings settings, string clientId, Uri redirectUri, string state, string challenge)
    {
        var query = string.Join('&',
            "response_type=code",
            "client_id=" + Uri.EscapeDataString(clientId),
            "redirect_uri=" + Uri.EscapeDataString(redirectUri.OriginalString),
            "scope=" + Uri.EscapeDataString(settings.Scope),
            "state=" + Uri.EscapeDataString(state),
            "code_challenge=" + Uri.EscapeDataString(challenge),
            "code_challenge_method=S256");
        var builder = new UriBuilder(settings.AuthorizeUrl);
        builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + "&" + query : query;
        return builder.Uri;
    }
}

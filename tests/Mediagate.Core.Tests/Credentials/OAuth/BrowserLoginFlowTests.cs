using System.Net;
using System.Web;
using Mediagate.Credentials.OAuth;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Credentials.OAuth;

public sealed class BrowserLoginFlowTests
{
    private static BrowserLoginFlow Flow(MockFixture mock, TimeProvider? time = null) =>
        new(new OAuthClient(mock.Http, OAuthSettings.FromEnvironment(mock.Home.Environment), time ?? TimeProvider.System), time ?? TimeProvider.System);

    [Fact]
    public async Task TheFullFlowOverRealHttpReturnsTokensAndShowsTheBrowserASuccessPage()
    {
        await using var mock = await MockFixture.StartAsync();
        Uri? authorizeSeen = null;
        Uri? redirectSeen = null;
        var page = new TaskCompletionSource<(HttpStatusCode, string, string?)>();
        var follow = Browser.Follow(mock.Http, callbackPage: (r, body) => page.TrySetResult((r.StatusCode, body, r.Headers.ConnectionClose == true ? "close" : null)));

        var tokens = await Flow(mock).RunAsync((authorize, redirect) =>
        {
            authorizeSeen = authorize;
            redirectSeen = redirect;
            return follow(authorize, redirect);
        }, TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.StartsWith("mock-at-", tokens.AccessToken);
        Assert.StartsWith("mock-rt-", tokens.RefreshToken);
        Assert.Equal("http", redirectSeen!.Scheme);
        Assert.Equal("127.0.0.1", redirectSeen.Host);
        Assert.NotEqual(0, redirectSeen.Port);
        Assert.Equal("/oauth/callback", redirectSeen.AbsolutePath);
        var query = HttpUtility.ParseQueryString(authorizeSeen!.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("mock-client", query["client_id"]);
        Assert.Equal(redirectSeen.OriginalString, query["redirect_uri"]);
        Assert.Equal("openid profile email", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"]!.Length);
        Assert.Equal(43, query["state"]!.Length);
        var (status, html, connection) = await page.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("You're signed in.", html);
        Assert.Equal("close", connection);
        var exchange = mock.State.Requests.Single(r => r.Path == "/v1/oauth/token");
        var form = HttpUtility.ParseQueryString(exchange.Body);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal(redirectSeen.OriginalString, form["redirect_uri"]);
        Assert.Equal(86, form["code_verifier"]!.Length);
    }

    [Fact]
    public async Task AStateThatDoesNotMatchIsRejectedAndTheBrowserIsTold()
    {
        await using var mock = await MockFixture.StartAsync();
        var page = new TaskCompletionSource<string>();
        var forged = Browser.Follow(mock.Http,
            rewrite: uri => new Uri(uri.AbsoluteUri.Replace("state=", "state=forged")),
            callbackPage: (_, body) => page.TrySetResult(body));

        var error = await Assert.ThrowsAsync<OAuthException>(() => Flow(mock).RunAsync(forged, TimeSpan.FromSeconds(20), CancellationToken.None));

        Assert.Equal(OAuthErrorKind.BadCallback, error.Kind);
        Assert.Contains("state did not match", error.Message);
        Assert.Contains("Sign-in failed", await page.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(mock.State.Requests, r => r.Path == "/v1/oauth/token");
    }

    [Fact]
    public async Task AnErrorOnTheCallbackEndsTheFlowWithThatError()
    {
        await using var mock = await MockFixture.StartAsync();
        var denied = Browser.Follow(mock.Http, rewrite: uri => new Uri(uri.AbsoluteUri + "&mock_deny=1"));

        var error = await Assert.ThrowsAsync<OAuthException>(() => Flow(mock).RunAsync(denied, TimeSpan.FromSeconds(20), CancellationToken.None));

        Assert.Equal(OAuthErrorKind.BadCallback, error.Kind);
        Assert.Contains("access_denied", error.Message);
    }

    [Fact]
    public async Task TheListenerAnswersOnlyGetOnTheCallbackPath()
    {
        await using var mock = await MockFixture.StartAsync();
        var answers = new List<HttpStatusCode>();
        var follow = Browser.Follow(mock.Http);
        Task? probes = null;

        await Flow(mock).RunAsync((authorize, redirect) =>
        {
            probes = Task.Run(async () =>
            {
                using (var post = await mock.Http.PostAsync(redirect, new StringContent("x")))
                {
                    answers.Add(post.StatusCode);
                }
                using (var other = await mock.Http.GetAsync(new Uri(redirect, "/favicon.ico")))
                {
                    answers.Add(other.StatusCode);
                }
                await follow(authorize, redirect);
            });
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(20), CancellationToken.None);

        await probes!;
        Assert.Equal([HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound], answers);
    }

    [Fact]
    public async Task NoCallbackWithinTheTimeoutFailsWithAHint()
    {
        await using var mock = await MockFixture.StartAsync();

        var error = await Assert.ThrowsAsync<OAuthException>(() =>
            Flow(mock, new InstantTimeProvider()).RunAsync((_, _) => Task.CompletedTask, null, CancellationToken.None));

        Assert.Equal(OAuthErrorKind.Timeout, error.Kind);
        Assert.Contains("within 120 s", error.Message);
        Assert.Contains("--device", error.Message);
    }

    [Fact]
    public async Task ARejectedCodeSaysToSignInAgain()
    {
        await using var mock = await MockFixture.StartAsync();

        var error = await Assert.ThrowsAsync<OAuthException>(() => Flow(mock).RunAsync((authorize, redirect) =>
        {
            var state = HttpUtility.ParseQueryString(authorize.Query)["state"];
            _ = Task.Run(() => mock.Http.GetAsync($"{redirect}?code=made-up&state={Uri.EscapeDataString(state!)}"));
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(20), CancellationToken.None));

        Assert.Equal(OAuthErrorKind.Rejected, error.Kind);
        Assert.Contains("authorization code rejected (invalid_grant", error.Message);
    }

    [Fact]
    public async Task WithoutAClientIdTheFlowExplainsHowToConfigureOne()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables.Remove("MEDIAGATE_OAUTH_CLIENT_ID");

        var error = await Assert.ThrowsAsync<OAuthException>(() => Flow(mock).RunAsync((_, _) => Task.CompletedTask, null, CancellationToken.None));

        Assert.Equal(OAuthErrorKind.NotConfigured, error.Kind);
        Assert.Contains("MEDIAGATE_OAUTH_CLIENT_ID", error.Message);
        Assert.Contains("--api-key", error.Message);
    }

    [Fact]
    public void ThePeersOAuthVariablesAreHonouredAndOursWin()
    {
        var env = Mediagate.Platform.EnvironmentVariables.From(new Dictionary<string, string>
        {
            ["HYPERFRAMES_OAUTH_CLIENT_ID"] = "peer-client",
            ["HYPERFRAMES_OAUTH_TOKEN_URL"] = "http://127.0.0.1:1/peer-token",
            ["MEDIAGATE_OAUTH_TOKEN_URL"] = "http://127.0.0.1:1/our-token",
        }, "/tmp");

        var settings = OAuthSettings.FromEnvironment(env);

        Assert.Equal("peer-client", settings.ClientId);
        Assert.Equal("http://127.0.0.1:1/our-token", settings.TokenUrl.ToString());
        Assert.Equal(OAuthSettings.DefaultAuthorizeUrl, settings.AuthorizeUrl.ToString());
        Assert.Equal(OAuthSettings.DefaultRevokeUrl, settings.RevokeUrl.ToString());
    }

    [Fact]
    public void PkceValuesHaveTheRightSizesAndTheChallengeIsS256()
    {
        var verifier = Pkce.CreateVerifier();

        Assert.Equal(86, verifier.Length);
        Assert.Equal(43, Pkce.CreateState().Length);
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        Assert.True(Pkce.StateMatches("abc", "abc"));
        Assert.False(Pkce.StateMatches("abc", "abd"));
        Assert.False(Pkce.StateMatches("abc", null));
    }
}

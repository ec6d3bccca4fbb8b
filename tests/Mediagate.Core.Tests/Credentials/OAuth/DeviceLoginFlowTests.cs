using System.Net;
using System.Text;
using Mediagate.Credentials;
using Mediagate.Credentials.OAuth;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Credentials.OAuth;

public sealed class DeviceLoginFlowTests
{
    private static (DeviceLoginFlow Flow, InstantTimeProvider Time) Flow(MockFixture mock)
    {
        var time = new InstantTimeProvider();
        return (new DeviceLoginFlow(new OAuthClient(mock.Http, OAuthSettings.FromEnvironment(mock.Home.Environment), time), time), time);
    }

    [Fact]
    public async Task SlowDownAddsFiveSecondsToTheIntervalAndApprovalReturnsTokens()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.ScriptDevicePolls("authorization_pending", "slow_down", "authorization_pending", "approve");
        var (flow, time) = Flow(mock);
        DeviceAuthorization? shown = null;

        var tokens = await flow.RunAsync(a => shown = a, CancellationToken.None);

        Assert.StartsWith("mock-at-", tokens.AccessToken);
        Assert.Matches("^[A-Z]{4}-[A-Z]{4}$", shown!.UserCode);
        Assert.Equal("/oauth/device", shown.VerificationUri.AbsolutePath);
        Assert.Equal([5, 5, 10, 10], time.Waits.Select(w => w.TotalSeconds));
        var polls = mock.State.Requests.Where(r => r.Path == "/v1/oauth/token").ToList();
        Assert.Equal(4, polls.Count);
        Assert.All(polls, p => Assert.Contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code", p.Body));
    }

    [Fact]
    public async Task A429HonoursRetryAfterWhenItAsksForMore()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v1/oauth/token", FaultKind.Status, 429, RetryAfterSeconds: 30));
        mock.State.ScriptDevicePolls("approve");
        var (flow, time) = Flow(mock);

        await flow.RunAsync(_ => { }, CancellationToken.None);

        Assert.Equal([5, 30], time.Waits.Select(w => w.TotalSeconds));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(7, 7)]
    [InlineData(300, 60)]
    public async Task TheServersIntervalIsClampedToFiveToSixtySeconds(int serverInterval, int expected)
    {
        await using var mock = await MockFixture.StartAsync(new MockOptions { DeviceIntervalSeconds = serverInterval });
        mock.State.ScriptDevicePolls("approve");
        var (flow, time) = Flow(mock);

        await flow.RunAsync(_ => { }, CancellationToken.None);

        Assert.Equal([expected], time.Waits.Select(w => w.TotalSeconds));
    }

    [Theory]
    [InlineData("expired_token", OAuthErrorKind.Expired, "expired")]
    [InlineData("access_denied", OAuthErrorKind.AccessDenied, "denied")]
    public async Task ExpiredAndDeniedAreFatal(string outcome, OAuthErrorKind kind, string message)
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.ScriptDevicePolls("authorization_pending", outcome, "approve");
        var (flow, _) = Flow(mock);

        var error = await Assert.ThrowsAsync<OAuthException>(() => flow.RunAsync(_ => { }, CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(message, error.Message);
        Assert.Equal(2, mock.State.Requests.Count(r => r.Path == "/v1/oauth/token"));
    }

    [Fact]
    public async Task ItGivesUpAfterThirtyMinutes()
    {
        await using var mock = await MockFixture.StartAsync(new MockOptions { DeviceIntervalSeconds = 0, DeviceExpiresInSeconds = 7200 });
        var (flow, time) = Flow(mock);

        var error = await Assert.ThrowsAsync<OAuthException>(() => flow.RunAsync(_ => { }, CancellationToken.None));

        Assert.Equal(OAuthErrorKind.Expired, error.Kind);
        Assert.Contains("within 30 minutes", error.Message);
        Assert.InRange(time.Waits.Sum(w => w.TotalMinutes), 30, 30.2);
    }

    [Fact]
    public async Task APersonApprovingOnTheVerificationPageCompletesTheFlow()
    {
        await using var mock = await MockFixture.StartAsync(new MockOptions { DeviceIntervalSeconds = 0 });
        var (flow, _) = Flow(mock);

        var tokens = await flow.RunAsync(a => mock.Http.GetAsync(a.VerificationUriComplete).GetAwaiter().GetResult().Dispose(), CancellationToken.None);

        Assert.StartsWith("mock-at-", tokens.AccessToken);
    }

    [Fact]
    public async Task AVerificationUriThatIsNotHttpsIsRefused()
    {
        using var http = new HttpClient(new FixedAnswer("""{"device_code":"d","user_code":"U","verification_uri":"http://evil.example.com/device","expires_in":600,"interval":5}"""));
        var settings = new OAuthSettings("c", new Uri("https://a.example/authorize"), new Uri("https://a.example/token"),
            new Uri("https://a.example/device"), new Uri("https://a.example/revoke"), OAuthSettings.DefaultScope);

        var error = await Assert.ThrowsAsync<OAuthException>(() => new OAuthClient(http, settings, TimeProvider.System).StartDeviceAsync(CancellationToken.None));

        Assert.Equal(OAuthErrorKind.BadResponse, error.Kind);
        Assert.Contains("not https", error.Message);
    }

    [Fact]
    public async Task DeviceLoginChecksTheIdentityBeforeSavingAndRevokesBothTokensWhenItFails()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.ScriptDevicePolls("approve");
        mock.State.AddFault(new FaultRule("/v3/users/me", FaultKind.Status, 401));
        var time = new InstantTimeProvider(DateTimeOffset.UtcNow);
        var auth = new HeyGenAuth(mock.Home.Environment, mock.Http, time);

        await Assert.ThrowsAsync<Mediagate.Providers.HeyGen.HeyGenApiException>(() => auth.LoginWithDeviceAsync(_ => { }, CancellationToken.None));

        Assert.False(File.Exists(mock.Home.CredentialsPath));
        Assert.Equal(2, mock.State.RevokedTokens.Count);
    }

    [Fact]
    public async Task DeviceLoginSavesTokensAndUserInOneWrite()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.ScriptDevicePolls("approve");
        var auth = new HeyGenAuth(mock.Home.Environment, mock.Http, new InstantTimeProvider(DateTimeOffset.UtcNow));

        var result = await auth.LoginWithDeviceAsync(_ => { }, CancellationToken.None);

        Assert.Equal("oauth@example.com", result.Account!.Email);
        var saved = auth.Store.Read()!;
        Assert.NotNull(saved.OAuth!.RefreshToken);
        Assert.Equal("oauth@example.com", saved.User!.Email);
    }

    private sealed class FixedAnswer(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json"), RequestMessage = request });
    }
}

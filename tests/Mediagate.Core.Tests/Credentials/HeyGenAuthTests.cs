using System.Text.Json.Nodes;
using Mediagate.Credentials;
using Mediagate.Credentials.OAuth;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Credentials;

public sealed class HeyGenAuthTests
{
    private static HeyGenAuth Auth(MockFixture mock, TimeProvider? time = null) => new(mock.Home.Environment, mock.Http, time ?? TimeProvider.System);

    [Fact]
    public async Task AnAcceptedKeyIsSavedWithTheUserItBelongsTo()
    {
        await using var mock = await MockFixture.StartAsync();

        var result = await Auth(mock).LoginWithApiKeyAsync(" mock-heygen-key \n", CancellationToken.None);

        Assert.Equal(ApiKeyLoginOutcome.Verified, result.Outcome);
        Assert.Equal("""
            {
              "api_key": "mock-heygen-key",
              "user": {
                "email": "demo@example.com",
                "first_name": "Demo",
                "last_name": "User",
                "username": "demo"
              }
            }

            """.ReplaceLineEndings("\n"), mock.Home.ReadCredentials());
    }

    [Fact]
    public async Task ARejectedKeyRestoresThePreviousFileExactly()
    {
        await using var mock = await MockFixture.StartAsync();
        const string previous = "{\"api_key\":\"sk_V2_previous\",\"other_tool\":true}";
        mock.Home.WriteCredentials(previous);

        var result = await Auth(mock).LoginWithApiKeyAsync("sk_V2_wrong_key", CancellationToken.None);

        Assert.Equal(ApiKeyLoginOutcome.Rejected, result.Outcome);
        Assert.True(result.RestoredPrevious);
        Assert.Equal(previous, mock.Home.ReadCredentials());
        Assert.Equal("sk_V2_wrong_key", mock.State.Requests.Single().Headers["X-Api-Key"]);
    }

    [Fact]
    public async Task ARejectedFirstKeyLeavesNoFile()
    {
        await using var mock = await MockFixture.StartAsync();

        var result = await Auth(mock).LoginWithApiKeyAsync("sk_V2_wrong_key", CancellationToken.None);

        Assert.False(result.RestoredPrevious);
        Assert.False(File.Exists(mock.Home.CredentialsPath));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task AServerErrorKeepsTheKeyUnverified(int status)
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/users/me", FaultKind.Status, status));

        var result = await Auth(mock).LoginWithApiKeyAsync("mock-heygen-key", CancellationToken.None);

        Assert.Equal(ApiKeyLoginOutcome.Unverified, result.Outcome);
        Assert.Equal("mock-heygen-key", new CredentialFileStore(mock.Home.CredentialsPath).Read()!.ApiKey);
    }

    [Fact]
    public async Task AnUnreachableServerKeepsTheKeyUnverified()
    {
        using var home = new TempHome();
        home.Variables["HEYGEN_API_URL"] = "http://127.0.0.1:9";
        using var http = new HttpClient();

        var result = await new HeyGenAuth(home.Environment, http, TimeProvider.System).LoginWithApiKeyAsync("sk_V2_offline_key", CancellationToken.None);

        Assert.Equal(ApiKeyLoginOutcome.Unverified, result.Outcome);
        Assert.Equal("sk_V2_offline_key", new CredentialFileStore(home.CredentialsPath).Read()!.ApiKey);
    }

    [Theory]
    [InlineData("", "No API key provided.")]
    [InlineData("short", "API key looks too short (got 5 chars).")]
    [InlineData("sk_V2_a\u0001b", "control characters")]
    public async Task BadKeysAreRejectedBeforeAnythingIsWritten(string key, string message)
    {
        await using var mock = await MockFixture.StartAsync();

        var error = await Assert.ThrowsAsync<UsageException>(() => Auth(mock).LoginWithApiKeyAsync(key, CancellationToken.None));

        Assert.Contains(message, error.Message);
        Assert.False(File.Exists(mock.Home.CredentialsPath));
        Assert.Empty(mock.State.Requests);
    }

    [Fact]
    public async Task BrowserLoginStoresTokensKeepsTheApiKeyAndCachesTheUser()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.WriteCredentials("{\"api_key\":\"sk_V2_kept\",\"tool\":\"x\",\"oauth\":{\"access_token\":\"old\",\"refresh_token\":\"old-rt\"}}");
        var auth = Auth(mock);

        var result = await auth.LoginWithBrowserAsync(Browser.Follow(mock.Http), TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal("oauth@example.com", result.Account!.Email);
        var saved = auth.Store.Read()!;
        Assert.Equal("sk_V2_kept", saved.ApiKey);
        Assert.StartsWith("mock-at-", saved.OAuth!.AccessToken);
        Assert.StartsWith("mock-rt-", saved.OAuth.RefreshToken);
        Assert.NotEqual("old-rt", saved.OAuth.RefreshToken);
        Assert.Equal("oauth@example.com", saved.User!.Email);
        Assert.Contains("\"tool\": \"x\"", mock.Home.ReadCredentials());
    }

    [Fact]
    public async Task AFailedIdentityCheckAfterBrowserLoginKeepsTheTokensAndClearsTheStaleUser()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.WriteCredentials("""{"user": {"email": "someone-else@example.com"}}""");
        mock.State.AddFault(new FaultRule("/v3/users/me", FaultKind.Status, 500, Times: null));
        var auth = Auth(mock);

        var result = await auth.LoginWithBrowserAsync(Browser.Follow(mock.Http), TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Null(result.Account);
        Assert.Contains("HTTP 500", result.IdentityProblem);
        var saved = auth.Store.Read()!;
        Assert.StartsWith("mock-at-", saved.OAuth!.AccessToken);
        Assert.Null(saved.User);
    }

    [Fact]
    public async Task TokensAreStoredWithExpiresAtNowPlusExpiresInButAtLeast30Seconds()
    {
        await using var mock = await MockFixture.StartAsync(new MockOptions { AccessTokenLifetimeSeconds = 5 });
        var auth = Auth(mock);
        var before = DateTimeOffset.UtcNow;

        await auth.LoginWithBrowserAsync(Browser.Follow(mock.Http), TimeSpan.FromSeconds(20), CancellationToken.None);

        var expires = auth.Store.Read()!.OAuth!.ExpiresAt!.Value;
        Assert.InRange(expires - before, TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task StatusRefreshesOnceAfterA401AndRetries()
    {
        await using var mock = await MockFixture.StartAsync();
        var auth = Auth(mock);
        await auth.LoginWithBrowserAsync(Browser.Follow(mock.Http), TimeSpan.FromSeconds(20), CancellationToken.None);
        var firstToken = auth.Store.Read()!.OAuth!.AccessToken;
        mock.State.AddFault(new FaultRule("/v3/users/me", FaultKind.Status, 401, Times: 1));

        var report = await auth.StatusAsync(CancellationToken.None);

        Assert.True(report.Refreshed);
        Assert.Equal("oauth@example.com", report.Account!.Email);
        Assert.NotEqual(firstToken, auth.Store.Read()!.OAuth!.AccessToken);
        Assert.Equal(3, mock.State.Requests.Count(r => r.Path == "/v3/users/me"));
        Assert.Single(mock.State.Requests, r => r.Path == "/v1/oauth/token" && r.Body.Contains("grant_type=refresh_token"));
    }

    [Fact]
    public async Task StatusRefreshesAnExpiredTokenBeforeCallingTheApi()
    {
        await using var mock = await MockFixture.StartAsync();
        var auth = Auth(mock);
        await auth.LoginWithBrowserAsync(Browser.Follow(mock.Http), TimeSpan.FromSeconds(20), CancellationToken.None);
        var later = new InstantTimeProvider(DateTimeOffset.UtcNow.AddHours(2));

        var report = await Auth(mock, later).StatusAsync(CancellationToken.None);

        Assert.True(report.Refreshed);
        Assert.Null(report.ApiError);
        Assert.Single(mock.State.Requests, r => r.Path == "/v1/oauth/token" && r.Body.Contains("grant_type=refresh_token"));
    }

    [Fact]
    public async Task StatusReportsAnApiErrorWithoutThrowing()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = "sk_V2_not_valid";

        var report = await Auth(mock).StatusAsync(CancellationToken.None);

        Assert.Null(report.Account);
        Assert.Contains("HeyGen rejected the credential (401)", report.ApiError);
    }

    [Fact]
    public async Task RefreshKeepsTheOldRefreshTokenWhenTheServerDoesNotRotate()
    {
        await using var mock = await MockFixture.StartAsync(new MockOptions { RotateRefreshTokens = false });
        var auth = Auth(mock);
        await auth.LoginWithBrowserAsync(Browser.Follow(mock.Http), TimeSpan.FromSeconds(20), CancellationToken.None);
        var before = auth.Store.Read()!.OAuth!;

        var after = await auth.RefreshAsync(CancellationToken.None);

        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.Equal(before.RefreshToken, after.RefreshToken);
    }

    [Fact]
    public async Task RefreshStoresARotatedRefreshToken()
    {
        await using var mock = await MockFixture.StartAsync(new MockOptions { RotateRefreshTokens = true });
        var auth = Auth(mock);
        await auth.LoginWithBrowserAsync(Browser.Follow(mock.Http), TimeSpan.FromSeconds(20), CancellationToken.None);
        var before = auth.Store.Read()!.OAuth!;

        var after = await auth.RefreshAsync(CancellationToken.None);

        var stored = JsonNode.Parse(mock.Home.ReadCredentials())!["oauth"]!;
        Assert.NotEqual(before.RefreshToken, after.RefreshToken);
        Assert.Equal(after.RefreshToken, (string?)stored["refresh_token"]);
        Assert.Equal(after.AccessToken, (string?)stored["access_token"]);
        // The server forgot the old refresh token when it rotated, so a new session refreshes only if the new one was stored.
        var next = await Auth(mock).RefreshAsync(CancellationToken.None);
        Assert.NotEqual(after.RefreshToken, next.RefreshToken);
    }

    [Fact]
    public async Task RefreshWithoutARefreshTokenSaysSo()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.WriteCredentials("{\"api_key\":\"sk_V2_only_a_key\"}");

        var error = await Assert.ThrowsAsync<OAuthException>(() => Auth(mock).RefreshAsync(CancellationToken.None));

        Assert.Contains("No OAuth refresh token", error.Message);
    }

    [Fact]
    public async Task LogoutRevokesTheRefreshTokenFirstThenTheAccessTokenThenDeletesTheFile()
    {
        await using var mock = await MockFixture.StartAsync();
        var auth = Auth(mock);
        await auth.LoginWithBrowserAsync(Browser.Follow(mock.Http), TimeSpan.FromSeconds(20), CancellationToken.None);
        var tokens = auth.Store.Read()!.OAuth!;

        var result = await auth.LogoutAsync(keepApiKey: false, CancellationToken.None);

        Assert.Equal(LogoutAction.Deleted, result.Action);
        Assert.Equal([tokens.RefreshToken!, tokens.AccessToken], mock.State.RevokedTokens);
        Assert.False(File.Exists(mock.Home.CredentialsPath));
    }

    [Fact]
    public async Task LogoutKeepingTheApiKeyClearsOnlyTheOAuthBlock()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.WriteCredentials("{\"api_key\":\"sk_V2_kept\",\"oauth\":{\"access_token\":\"at\"}}");

        var result = await Auth(mock).LogoutAsync(keepApiKey: true, CancellationToken.None);

        Assert.Equal(LogoutAction.OAuthRemoved, result.Action);
        Assert.Equal("{\n  \"api_key\": \"sk_V2_kept\"\n}\n", mock.Home.ReadCredentials());
    }

    [Fact]
    public async Task LogoutRewritesAFileThatHoldsOtherToolsKeysInsteadOfDeletingIt()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.WriteCredentials("{\"api_key\":\"sk_V2_gone\",\"default_output\":\"mp4\",\"user\":{\"email\":\"a@b.c\"}}");

        var result = await Auth(mock).LogoutAsync(keepApiKey: false, CancellationToken.None);

        Assert.Equal(LogoutAction.Rewritten, result.Action);
        Assert.Equal("{\n  \"default_output\": \"mp4\"\n}\n", mock.Home.ReadCredentials());
    }

    [Fact]
    public async Task ARevokeFailureIsNotedAndTheFileIsClearedAnyway()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.WriteCredentials("{\"oauth\":{\"access_token\":\"at-1\"}}");
        mock.State.AddFault(new FaultRule("/v1/oauth/revoke", FaultKind.Status, 500));

        var result = await Auth(mock).LogoutAsync(keepApiKey: false, CancellationToken.None);

        Assert.Equal(["Note: token revoke returned HTTP 500; local credentials cleared anyway."], result.Notes);
        Assert.False(File.Exists(mock.Home.CredentialsPath));
    }
}

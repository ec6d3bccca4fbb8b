using System.Net;
using Mediagate.Credentials;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Providers.HeyGen;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Providers.HeyGen;

public sealed class HeyGenIdentityClientTests
{
    private static readonly HeyGenCredential ApiKey = new(CredentialSource.Env, CredentialType.ApiKey, MockOptions.DefaultHeyGenKey, "env (HEYGEN_API_KEY)");

    private static HeyGenIdentityClient Client(MockFixture mock) => new(mock.Http, HeyGenApi.BaseUrl(mock.Home.Environment));

    [Fact]
    public async Task AnApiKeySendsXApiKeyAndTheClientSourceButNoHeyGenSource()
    {
        await using var mock = await MockFixture.StartAsync();

        var account = await Client(mock).GetAccountAsync(ApiKey, CancellationToken.None);

        Assert.Equal("demo@example.com", account.Email);
        var request = Assert.Single(mock.State.Requests);
        Assert.Equal("/v3/users/me", request.Path);
        Assert.Equal(MockOptions.DefaultHeyGenKey, request.Headers["X-Api-Key"]);
        Assert.Equal("mediagate", request.Headers["X-HeyGen-Client-Source"]);
        Assert.False(request.Headers.ContainsKey("X-HeyGen-Source"));
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task AnOAuthTokenSendsABearerTokenAndXHeyGenSourceCli()
    {
        await using var mock = await MockFixture.StartAsync(new MockOptions { WrapResponses = false });
        var token = new HeyGenCredential(CredentialSource.FileJson, CredentialType.OAuth, "not-issued", "file");

        await Assert.ThrowsAsync<HeyGenApiException>(() => Client(mock).GetAccountAsync(token, CancellationToken.None));

        var request = Assert.Single(mock.State.Requests);
        Assert.Equal("Bearer not-issued", request.Headers["Authorization"]);
        Assert.Equal("cli", request.Headers["X-HeyGen-Source"]);
        Assert.Equal("mediagate", request.Headers["X-HeyGen-Client-Source"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheAccountIsParsedWrappedOrBare(bool wrapped)
    {
        await using var mock = await MockFixture.StartAsync(new MockOptions { WrapResponses = wrapped });

        var account = await Client(mock).GetAccountAsync(ApiKey, CancellationToken.None);

        Assert.Equal(new HeyGenAccount(
            "demo@example.com", "demo", "Demo", "User", "subscription",
            new HeyGenWallet("USD", 25.5m, false),
            new HeyGenSubscription("creator", new HeyGenCredits(120m, "2026-12-01T00:00:00Z"), new HeyGenCredits(0m, null)),
            new HeyGenUsage(1.25m, 50m)), account);
    }

    [Theory]
    [InlineData(401, "HeyGen rejected the credential (401)")]
    [InlineData(402, "out of credits or needs a plan upgrade (402): {\"data\":null,\"error\":{\"code\":\"plan_upgrade_required\"")]
    [InlineData(503, "HeyGen answered HTTP 503")]
    public async Task ErrorStatusesBecomeClearErrorsAndNotOneIsSwallowed(int status, string expected)
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/users/me", FaultKind.Status, status));

        var error = await Assert.ThrowsAsync<HeyGenApiException>(() => Client(mock).GetAccountAsync(ApiKey, CancellationToken.None));

        Assert.Equal((HttpStatusCode)status, error.Status);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(FaultKind.MalformedJson)]
    [InlineData(FaultKind.TruncatedBody)]
    public async Task ABrokenBodyIsAnErrorNotACrash(FaultKind kind)
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/users/me", kind));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Client(mock).GetAccountAsync(ApiKey, CancellationToken.None));

        Assert.Contains("not the expected JSON", error.Message);
    }

    [Fact]
    public async Task AnErrorBodyThatEchoesTheKeyIsScrubbed()
    {
        await using var mock = await MockFixture.StartAsync();
        var leaky = new HeyGenCredential(CredentialSource.Env, CredentialType.ApiKey, "sk_V2_leaked_secret_value", "env");

        var error = await Assert.ThrowsAsync<HeyGenApiException>(() => Client(mock).GetAccountAsync(leaky, CancellationToken.None));

        Assert.DoesNotContain("sk_V2_leaked_secret_value", error.Message);
    }

    [Fact]
    public void ABaseUrlWithTrailingSlashesIsNormalised()
    {
        var env = Mediagate.Platform.EnvironmentVariables.From(new Dictionary<string, string> { ["HEYGEN_API_URL"] = "http://127.0.0.1:9/base//" }, "/tmp");

        Assert.Equal("http://127.0.0.1:9/base/", HeyGenApi.BaseUrl(env).ToString());
    }
}

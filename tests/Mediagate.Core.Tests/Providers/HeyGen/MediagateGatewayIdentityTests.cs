using Mediagate.Credentials;
using Mediagate.Mock;
using Mediagate.Providers.HeyGen;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Providers.HeyGen;

public sealed class MediagateGatewayIdentityTests
{
    [Fact]
    public void AUsersMeWithTheMediagateBlockNamesTheTenantItsPoolAndItsCapacity()
    {
        var account = HeyGenIdentityClient.Parse("""
            {"code": 100, "message": "Success", "data": {
              "username": "team-a", "email": "team-a",
              "mediagate": {"gateway": "mediagate", "version": "0.1.0", "tenant": "team-a",
                "accounts": [{"id": "7", "label": "d***@example.com", "max_jobs": 2, "running": 1, "state": "ready"},
                             {"id": "8", "label": "ops", "max_jobs": 3, "running": 0, "state": "renewing"}],
                "capacity": {"max_jobs": 5, "running": 1, "free": 4}}}}
            """);

        Assert.Equal("team-a", account.Email);
        var gateway = Assert.IsType<MediagateGateway>(account.Gateway);
        Assert.Equal(("0.1.0", "team-a"), (gateway.Version, gateway.Tenant));
        Assert.Equal([new MediagateGatewayAccount("7", "d***@example.com", 2, 1, "ready"), new MediagateGatewayAccount("8", "ops", 3, 0, "renewing")], gateway.Accounts);
        Assert.Equal(new MediagateGatewayCapacity(5, 1, 4), gateway.Capacity);
    }

    [Theory]
    [InlineData("""{"data": {"email": "a@example.com"}}""")]
    [InlineData("""{"data": {"email": "a@example.com", "mediagate": {"gateway": "something-else", "tenant": "x"}}}""")]
    [InlineData("""{"data": {"email": "a@example.com", "mediagate": "mediagate"}}""")]
    public void WithoutTheMarkerTheAccountIsPlainHeyGen(string body)
    {
        var account = HeyGenIdentityClient.Parse(body);

        Assert.Equal("a@example.com", account.Email);
        Assert.Null(account.Gateway);
    }

    [Fact]
    public void AGatewayWithAnEmptyPoolAndNoCapacityStillSaysItIsAGateway()
    {
        var account = HeyGenIdentityClient.Parse("""{"data": {"username": "b", "mediagate": {"gateway": "mediagate", "tenant": "b", "accounts": []}}}""");

        var gateway = Assert.IsType<MediagateGateway>(account.Gateway);
        Assert.Empty(gateway.Accounts);
        Assert.Null(gateway.Capacity);
        Assert.Null(gateway.Version);
    }

    [Fact]
    public async Task TheMocksUsersMeIsNotTakenForAGateway()
    {
        await using var mock = await MockFixture.StartAsync();
        var key = new HeyGenCredential(CredentialSource.Env, CredentialType.ApiKey, MockOptions.DefaultHeyGenKey, "env (HEYGEN_API_KEY)");

        var account = await new HeyGenIdentityClient(mock.Http, HeyGenApi.BaseUrl(mock.Home.Environment)).GetAccountAsync(key, CancellationToken.None);

        Assert.Equal("demo@example.com", account.Email);
        Assert.Null(account.Gateway);
    }
}

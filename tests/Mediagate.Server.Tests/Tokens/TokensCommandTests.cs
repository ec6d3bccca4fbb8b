using System.Net;
using System.Text.Json.Nodes;
using Mediagate.Server.Tests.Harness;
using Mediagate.Tests.Support;

namespace Mediagate.Server.Tests.Tokens;

public sealed class TokensCommandTests : IDisposable
{
    private readonly TempHome _home = new();

    private string Data => Path.Combine(_home.Root, "data");

    private Task<CliRun> RunAsync(params string[] args) => CliRunner.RunAsync(_home.Environment, null, [.. args, "--data", Data]);

    [Fact]
    public async Task CreateWithJsonPrintsTheTokenOnceAndListNeverShowsIt()
    {
        var created = await RunAsync("tokens", "create", "--name", "ci", "--expires", "2099-01-31", "--json");
        Assert.Equal(0, created.ExitCode);
        var json = JsonNode.Parse(created.Out)!;
        Assert.Equal("ci", json["name"]!.GetValue<string>());
        var token = json["token"]!.GetValue<string>();
        Assert.Matches("^user:1-[A-Za-z0-9]{40}$", token);
        Assert.StartsWith("2099-01-31T00:00:00", json["expires"]!.GetValue<string>());

        var list = await RunAsync("tokens", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("ci", list.Out);
        Assert.Contains("active", list.Out);
        Assert.Contains("2099-01-31 00:00Z", list.Out);
        Assert.DoesNotContain(token[7..], list.Out);

        var listJson = JsonNode.Parse((await RunAsync("tokens", "list", "--json")).Out)!.AsArray();
        Assert.Equal("active", listJson.Single()!["state"]!.GetValue<string>());
        Assert.Null(listJson.Single()!["token"]);
    }

    [Fact]
    public async Task ATokenFromTheCliWorksOnTheServerUntilRevoked()
    {
        var token = JsonNode.Parse((await RunAsync("tokens", "create", "--name", "svc", "--json")).Out)!["token"]!.GetValue<string>();
        await using var mock = await Mediagate.Mock.MockServer.StartAsync();
        using var factory = new GatewayFactory(mock.BaseUrl, Data, null, null);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/heygen/accounts")).StatusCode);

        var revoke = await RunAsync("tokens", "revoke", "svc");
        Assert.Equal(0, revoke.ExitCode);
        Assert.Contains("Revoked token 'svc'", revoke.Out);
        Assert.Equal(HttpStatusCode.PaymentRequired, (await client.GetAsync("/v1/heygen/accounts")).StatusCode);
        Assert.Contains("revoked", (await RunAsync("tokens", "list")).Out);
    }

    [Fact]
    public async Task BadInputExitsTwoWithTheFix()
    {
        Assert.Equal(0, (await RunAsync("tokens", "create", "--name", "dup")).ExitCode);
        var duplicate = await RunAsync("tokens", "create", "--name", "dup");
        Assert.Equal(2, duplicate.ExitCode);
        Assert.Contains("a token named 'dup' exists already", duplicate.Error);

        var badDate = await RunAsync("tokens", "create", "--name", "x", "--expires", "soon");
        Assert.Equal(2, badDate.ExitCode);
        Assert.Contains("--expires 'soon' is not a date", badDate.Error);

        var past = await RunAsync("tokens", "create", "--name", "y", "--expires", "2001-01-01");
        Assert.Equal(2, past.ExitCode);
        Assert.Contains("already past", past.Error);

        var unknown = await RunAsync("tokens", "revoke", "nobody", "--json");
        Assert.Equal(2, unknown.ExitCode);
        Assert.False(JsonNode.Parse(unknown.Out)!["ok"]!.GetValue<bool>());

        var missingName = await RunAsync("tokens", "create");
        Assert.Equal(2, missingName.ExitCode);
    }

    public void Dispose() => _home.Dispose();
}

using System.Net;
using System.Net.Http.Json;
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

    [Fact]
    public async Task CreateMakesANewTenantUnlessTenantNamesAnExistingOneAndListShowsTenants()
    {
        var alice = JsonNode.Parse((await RunAsync("tokens", "create", "--name", "alice", "--json")).Out)!;
        Assert.Equal("alice", alice["tenant"]!.GetValue<string>());
        var ci = JsonNode.Parse((await RunAsync("tokens", "create", "--name", "alice-ci", "--tenant", "alice", "--json")).Out)!;
        Assert.Equal("alice", ci["tenant"]!.GetValue<string>());
        var bob = JsonNode.Parse((await RunAsync("tokens", "create", "--name", "bob", "--json")).Out)!;
        Assert.Equal("bob", bob["tenant"]!.GetValue<string>());
        Assert.NotEqual(alice["tenantId"]!.GetValue<long>(), bob["tenantId"]!.GetValue<long>());
        Assert.Equal(alice["tenantId"]!.GetValue<long>(), ci["tenantId"]!.GetValue<long>());

        var list = await RunAsync("tokens", "list");
        Assert.Equal(0, list.ExitCode);
        var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("TENANT", lines[0]);
        Assert.Matches(@"^2\s+alice-ci\s+alice\s+active", lines[2]);
        Assert.Matches(@"^3\s+bob\s+bob\s+active", lines[3]);
        var listJson = JsonNode.Parse((await RunAsync("tokens", "list", "--json")).Out)!.AsArray();
        Assert.Equal(["alice", "alice", "bob"], listJson.Select(t => t!["tenant"]!.GetValue<string>()));

        var unknown = await RunAsync("tokens", "create", "--name", "eve", "--tenant", "nobody");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no tenant named 'nobody'", unknown.Error);
    }

    [Fact]
    public async Task TokensOfOneTenantShareItsAccountsOnTheServer()
    {
        var first = JsonNode.Parse((await RunAsync("tokens", "create", "--name", "team", "--json")).Out)!["token"]!.GetValue<string>();
        var second = JsonNode.Parse((await RunAsync("tokens", "create", "--name", "team-ci", "--tenant", "team", "--json")).Out)!["token"]!.GetValue<string>();
        var stranger = JsonNode.Parse((await RunAsync("tokens", "create", "--name", "stranger", "--json")).Out)!["token"]!.GetValue<string>();
        await using var mock = await Mediagate.Mock.MockServer.StartAsync();
        using var factory = new GatewayFactory(mock.BaseUrl, Data, null, null);
        HttpClient With(string token)
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return client;
        }
        var add = await With(first).PostAsJsonAsync("/v1/heygen/accounts", new { email = Mediagate.Mock.MockOptions.DefaultWebEmail, password = Mediagate.Mock.MockOptions.DefaultWebPassword, maxJobs = 1 });
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await With(second).GetAsync("/v1/heygen/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await With(stranger).GetAsync("/v1/heygen/accounts")).StatusCode);
    }

    public void Dispose() => _home.Dispose();
}

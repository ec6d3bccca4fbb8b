using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Server.Security;
using Mediagate.Server.Storage;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;
using Mediagate.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mediagate.Server.Tests.Storage;

/// <summary>
/// A database made by the first release (one pool shared by every token) upgrades with nothing lost: its accounts go to one
/// tenant that all its tokens share, so the deployment behaves as before.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly TempHome _home = new();

    private string Data => Path.Combine(_home.Root, "data");

    [Fact]
    public async Task AnExistingSqliteDatabaseMigratesIntoOneTenantThatEveryTokenShares() => await MigratesAsync(null);

    /// <summary>Builds a database at the first migration, with two tokens, one web account and a finished job, as the first release wrote them.</summary>
    internal static async Task<(string First, string Second, string JobId)> SeedFirstReleaseAsync(string data, string? postgres)
    {
        var options = new GatewayOptions { DataDirectory = data, Postgres = postgres, HeyGenApiUrl = new("http://127.0.0.1:9/"), HeyGenWebUrl = new("http://127.0.0.1:9/") };
        var store = GatewayStore.Open(options);
        var box = SecretBox.Standalone(data);
        box.EnsureKey(data);
        await using var db = store.Create();
        await db.GetService<IMigrator>().MigrateAsync(postgres is null ? "20261122134510_Initial" : "20261122134520_Initial");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string[] secrets = ["firstsecretfirstsecretfirstsecretfirstse", "secondsecretsecondsecretsecondsecretseco"];
        for (var i = 0; i < 2; i++)
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO api_tokens (\"Name\", \"SecretHash\", \"WebhookSecret\", \"CreatedAt\") VALUES ({0}, {1}, {2}, {3})",
                i == 0 ? "ops" : "ci", SHA256.HashData(Encoding.UTF8.GetBytes(secrets[i])), box.ProtectWebhookSecret("whsec_x"), now);
        }
        // A session that has expired: the first use logs in again with the stored password.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO accounts (\"Key\", \"Email\", \"Kind\", \"MaxJobs\", \"Running\", \"Secrets\", \"Session\", \"SessionExpiresAt\", \"CreatedAt\", \"UpdatedAt\") " +
            "VALUES ({0}, {1}, 'web', 2, 0, {2}, NULL, 0, {3}, {3})",
            MockOptions.DefaultWebEmail, MockOptions.DefaultWebEmail, box.Protect(new AccountSecrets { Password = MockOptions.DefaultWebPassword }), now);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO jobs (\"JobId\", \"TokenId\", \"Kind\", \"Email\", \"Status\", \"Async\", \"Request\", \"Response\", \"HoldsSlot\", \"CreatedAt\", \"UpdatedAt\") " +
            "VALUES ('j000000000000000000000001', 1, 'tts', {0}, 'completed', {1}, '{{}}', '{{}}', {1}, {2}, {2})",
            MockOptions.DefaultWebEmail, false, now);
        return ("user:1-" + secrets[0], "user:2-" + secrets[1], "j000000000000000000000001");
    }

    internal async Task MigratesAsync(string? postgres)
    {
        var (first, second, jobId) = await SeedFirstReleaseAsync(Data, postgres);
        await using var mock = await MockServer.StartAsync();
        using var factory = new GatewayFactory(mock.BaseUrl, Data, postgres, null);
        HttpClient With(string token)
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
        foreach (var token in new[] { first, second })
        {
            var accounts = await TestGateway.JsonAsync(await With(token).GetAsync("/v1/heygen/accounts"));
            Assert.Equal(2, accounts[MockOptions.DefaultWebEmail]!["maxJobs"]!.GetValue<int>());
            Assert.Equal("completed", (await TestGateway.JsonAsync(await With(token).GetAsync($"/v1/heygen/jobs/{jobId}")))["status"]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.OK, (await With(second).PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "Still here." })).StatusCode);

        string[] flags = ["--data", Data, .. postgres is null ? Array.Empty<string>() : ["--postgres", postgres]];
        var list = JsonNode.Parse((await CliRunner.RunAsync(_home.Environment, null, ["tokens", "list", "--json", .. flags])).Out)!.AsArray();
        Assert.Equal(["default", "default"], list.Select(t => t!["tenant"]!.GetValue<string>()));
        var created = await CliRunner.RunAsync(_home.Environment, null, ["tokens", "create", "--name", "newcomer", "--json", .. flags]);
        var newcomer = JsonNode.Parse(created.Out)!["token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await With(newcomer).GetAsync("/v1/heygen/accounts")).StatusCode);
        var joined = await CliRunner.RunAsync(_home.Environment, null, ["tokens", "create", "--name", "joiner", "--tenant", "default", "--json", .. flags]);
        Assert.Equal(HttpStatusCode.OK, (await With(JsonNode.Parse(joined.Out)!["token"]!.GetValue<string>()).GetAsync("/v1/heygen/accounts")).StatusCode);
    }

    public void Dispose() => _home.Dispose();
}

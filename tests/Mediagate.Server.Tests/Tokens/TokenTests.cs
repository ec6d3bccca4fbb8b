using System.Net;
using System.Net.Http.Json;
using Mediagate.Server.Storage;
using Mediagate.Server.Tests.Harness;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server.Tests.Tokens;

public sealed class TokenTests
{
    [Fact]
    public async Task MissingOrWrongTokensGet401WithTheUseapiBody()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:FailedAuthPerMinute"] = "100" });
        var anonymous = gateway.Anonymous();
        var wrongSecret = gateway.Authorized(gateway.Token[..^1] + (gateway.Token[^1] == 'a' ? 'b' : 'a'));
        var garbage = gateway.Authorized("not-a-token");
        foreach (var client in new[] { anonymous, wrongSecret, garbage })
        {
            var response = await client.GetAsync("/v1/heygen/accounts");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("""{"error":"Unauthorized","code":401}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ATokenMadeByTheGatewaysOwnProcessWorksAtOnceThoughTheCacheIsLong()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:TokenCacheSeconds"] = "600" });
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/v1/heygen/accounts")).StatusCode); // reads the tokens once

        var made = await gateway.CreateTokenAsync("made-now");

        // Let in: its new tenant has no accounts yet, which is a 404 (an unknown token would be a 401).
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Authorized(made.Token).GetAsync("/v1/heygen/accounts")).StatusCode);
        Assert.True(await gateway.Service<Mediagate.Server.Tokens.TokenStore>().RevokeAsync("made-now", CancellationToken.None));
        Assert.Equal(HttpStatusCode.PaymentRequired, (await gateway.Authorized(made.Token).GetAsync("/v1/heygen/accounts")).StatusCode);
    }

    [Fact]
    public async Task RevokedAndExpiredTokensGet402SubscriptionRequired()
    {
        await using var gateway = await TestGateway.StartAsync();
        var revoked = await gateway.CreateTokenAsync("to-revoke");
        var expiring = await gateway.CreateTokenAsync("expiring", DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Authorized(revoked.Token).GetAsync("/v1/heygen/accounts")).StatusCode);

        Assert.True(await gateway.Service<Mediagate.Server.Tokens.TokenStore>().RevokeAsync("to-revoke", CancellationToken.None));
        await using (var db = gateway.Store.Create())
        {
            await db.Tokens.Where(t => t.Name == "expiring").ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds()));
        }
        foreach (var token in new[] { revoked.Token, expiring.Token })
        {
            var response = await gateway.Authorized(token).GetAsync("/v1/heygen/accounts");
            Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
            Assert.Equal("""{"error":"Subscription required","code":402}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task RepeatedFailuresFromOneClientAreRateLimitedButAGoodTokenStillPasses()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:FailedAuthPerMinute"] = "3" });
        var bad = gateway.Authorized("user:1-wrong");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync("/v1/heygen/accounts")).StatusCode);
        }
        var limited = await bad.GetAsync("/v1/heygen/accounts");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.RetryAfter?.ToString());
        Assert.Equal(429, (await TestGateway.JsonAsync(limited))["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/v1/heygen/accounts")).StatusCode); // through the filter: no account yet
    }

    [Fact]
    public async Task TokensAreStoredAsHashesAndNeverInTheDatabase()
    {
        await using var gateway = await TestGateway.StartAsync();
        var created = await gateway.CreateTokenAsync("hashed");
        await using (var db = gateway.Store.Create())
        {
            var row = await db.Tokens.SingleAsync(t => t.Name == "hashed");
            Assert.Equal(32, row.SecretHash.Length);
            Assert.DoesNotContain(created.WebhookSecret, row.WebhookSecret, StringComparison.Ordinal);
        }
        var secret = created.Token[(created.Token.IndexOf('-') + 1)..];
        Assert.Equal(40, secret.Length);
        foreach (var file in Directory.EnumerateFiles(gateway.DataDirectory, "gateway.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.DoesNotContain(secret, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(created.WebhookSecret, bytes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheKeyRingIsPrivate()
    {
        await using var gateway = await TestGateway.StartAsync();
        var keys = Path.Combine(gateway.DataDirectory, "keys");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        var files = Directory.GetFiles(keys, "*.xml");
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }

    internal static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        return await reader.ReadToEndAsync();
    }
}

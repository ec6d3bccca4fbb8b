using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tokens;

namespace Mediagate.Server.Tests.Accounts;

public sealed class AccountTests
{
    [Fact]
    public async Task PostingJsonLogsInUpstreamAndAnswers201WithTheSeedsShapeAndEverySecretMasked()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.AddAccountAsync(maxJobs: 10);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["email", "session", "maxJobs", "password"], body.Select(p => p.Key));
        var session = body["session"]!.AsObject();
        Assert.Equal(["heygen_session", "ExpireTime", "ExpireTimeUTC", "access_token", "session_token", "space_id", "token", "username", "ack_agreement", "internal", "need_mfa"],
            session.Select(p => p.Key));
        foreach (var secret in new[] { body["password"], session["heygen_session"], session["access_token"], session["session_token"], session["token"] })
        {
            Assert.Equal("…secured…", secret!.GetValue<string>());
        }
        Assert.Contains("\"…secured…\"", text);
        Assert.Equal(MockOptions.DefaultWebEmail, body["email"]!.GetValue<string>());
        Assert.Equal(10, body["maxJobs"]!.GetValue<int>());
        Assert.Equal(MockOptions.DefaultWebEmail, session["username"]!.GetValue<string>());
        Assert.StartsWith("space_", session["space_id"]!.GetValue<string>());
        Assert.True(session["ack_agreement"]!.GetValue<bool>());
        Assert.False(session["need_mfa"]!.GetValue<bool>());
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(session["ExpireTime"]!.GetValue<long>());
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        Assert.Equal(expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), session["ExpireTimeUTC"]!.GetValue<string>());
        Assert.Single(gateway.Mock.State.Requests, r => r.Path == "/v1/web/login");
    }

    [Fact]
    public async Task MultipartWorksWithMaxJobsAsANumberInAString()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(MockOptions.DefaultWebEmail), "email" },
            { new StringContent(MockOptions.DefaultWebPassword), "password" },
            { new StringContent("3"), "maxJobs" },
        };
        var response = await gateway.Client.PostAsync("/v1/heygen/accounts", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, (await TestGateway.JsonAsync(response))["maxJobs"]!.GetValue<int>());
    }

    [Fact]
    public async Task AWrongPasswordGets400WithTheSeedsExactBodyAndNothingIsSaved()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.AddAccountAsync(password: "wrong");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"Account does not exist or password is incorrect"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/v1/heygen/accounts")).StatusCode);
    }

    [Theory]
    [InlineData("""{"password":"p","maxJobs":1}""", "email is required")]
    [InlineData("""{"email":"not-an-email","password":"p","maxJobs":1}""", "email 'not-an-email' is not a well-formed email address")]
    [InlineData("""{"email":"a@b.co","maxJobs":1}""", "password is required (or send apiKey for a HeyGen API-key account)")]
    [InlineData("""{"email":"a@b.co","password":"p"}""", "maxJobs is required: an integer from 1 to 10")]
    [InlineData("""{"email":"a@b.co","password":"p","maxJobs":0}""", "maxJobs must be an integer from 1 to 10 (got 0)")]
    [InlineData("""{"email":"a@b.co","password":"p","maxJobs":11}""", "maxJobs must be an integer from 1 to 10 (got 11)")]
    [InlineData("""{"email":"a@b.co","password":"p","maxJobs":2.5}""", "maxJobs must be an integer from 1 to 10 (got 2.5)")]
    [InlineData("""{"email":"a@b.co","password":"p","maxJobs":"many"}""", "maxJobs must be an integer from 1 to 10 (got 'many')")]
    [InlineData("""{"email":"a@b.co","password":"p","maxJobs":true}""", "maxJobs must be an integer from 1 to 10")]
    [InlineData("""{"email":42,"password":"p","maxJobs":1}""", "email must be a string")]
    [InlineData("""{"email":"a@b.co","password":"p","apiKey":"k","maxJobs":1}""", "send either password or apiKey, not both")]
    public async Task ABadFieldGets400NamingItAndNoUpstreamCall(string body, string error)
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Client.PostAsync("/v1/heygen/accounts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await TestGateway.JsonAsync(response);
        Assert.Equal(error, json["error"]!.GetValue<string>());
        Assert.Equal(400, json["code"]!.GetValue<int>());
        Assert.Empty(gateway.Mock.State.Requests);
    }

    [Fact]
    public async Task AnApiKeyAccountIsVerifiedThroughUsersMeAndNamedByItsEmail()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Client.PostAsJsonAsync("/v1/heygen/accounts", new { apiKey = MockOptions.DefaultHeyGenKey, maxJobs = 4 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($$"""{"email":"{{MockOptions.DefaultWebEmail}}","apiKey":"…secured…","maxJobs":4}""", await response.Content.ReadAsStringAsync());
        Assert.Contains(gateway.Mock.State.Requests, r => r.Path == "/v3/users/me");

        var rejected = await gateway.Client.PostAsJsonAsync("/v1/heygen/accounts", new { email = "x@example.com", apiKey = "wrong-key", maxJobs = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("HeyGen rejected the API key", (await TestGateway.JsonAsync(rejected))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheSameEmailAgainUpdatesTheAccountAndLogsInAgain()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 2)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(email: MockOptions.DefaultWebEmail.ToUpperInvariant(), maxJobs: 7)).StatusCode);
        var list = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/accounts"));
        var only = Assert.Single(list);
        Assert.Equal(7, only.Value!["maxJobs"]!.GetValue<int>());
        Assert.Equal(2, gateway.Mock.State.Requests.Count(r => r.Path == "/v1/web/login"));
    }

    [Fact]
    public async Task AnApiKeyAccountIsNamedByTheEmailHeyGenReportsNeverByTheCaller()
    {
        var mock = new MockOptions { HeyGenApiKeys = new Dictionary<string, MockUser> { ["attacker-key"] = new("attacker@example.com") } };
        await using var gateway = await TestGateway.StartAsync(mock);
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 1)).StatusCode);

        var takeover = await gateway.Client.PostAsJsonAsync("/v1/heygen/accounts", new { email = MockOptions.DefaultWebEmail, apiKey = "attacker-key", maxJobs = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, takeover.StatusCode);
        Assert.Equal("the API key belongs to HeyGen account attacker@example.com, not demo@example.com; leave email out, or send the key of demo@example.com",
            (await TestGateway.JsonAsync(takeover))["error"]!.GetValue<string>());
        var kept = await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}"));
        Assert.Equal("…secured…", kept["password"]!.GetValue<string>());
        Assert.Null(kept["apiKey"]);

        var own = await gateway.Client.PostAsJsonAsync("/v1/heygen/accounts", new { apiKey = "attacker-key", maxJobs = 1 });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal("attacker@example.com", (await TestGateway.JsonAsync(own))["email"]!.GetValue<string>());
        gateway.Mock.State.ClearRequests();
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create",
            new { voice_id = Tts.TtsCreateTests.Marcia, prompt = "to the right account", email = MockOptions.DefaultWebEmail })).StatusCode);
        Assert.StartsWith("Bearer mock_web_at_", gateway.Mock.State.Requests.Single(r => r.Path == "/v3/voices/speech").Headers["Authorization"]);
    }

    [Fact]
    public async Task UpdatingAnAccountWithAWrongPasswordChangesNothing()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 2)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.AddAccountAsync(password: "guess", maxJobs: 9)).StatusCode);
        Assert.Equal(2, (await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")))["maxJobs"]!.GetValue<int>());
    }

    [Fact]
    public async Task FailedUpstreamLoginsAreLimitedPerTenantAndPerEmailWith429AndRetryAfter()
    {
        await using var gateway = await TestGateway.StartAsync(Tts.TtsCreateTests.ThreeAccounts());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await gateway.AddAccountAsync("a@example.com", "guess" + i, 1)).StatusCode);
        }
        var limited = await gateway.AddAccountAsync("a@example.com", "pa", 1);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        var body = await TestGateway.JsonAsync(limited);
        Assert.Equal(429, body["code"]!.GetValue<int>());
        Assert.Contains("failed HeyGen logins", body["error"]!.GetValue<string>());
        Assert.Equal(5, gateway.Mock.State.Requests.Count(r => r.Path == "/v1/web/login"));

        // The same tenant with another email, and another tenant with the same email, are limited too; neither reaches HeyGen.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await gateway.AddAccountAsync("b@example.com", "pb", 1)).StatusCode);
        var other = gateway.Authorized((await gateway.CreateTokenAsync("other")).Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await other.PostAsJsonAsync("/v1/heygen/accounts", new { email = "a@example.com", password = "pa", maxJobs = 1 })).StatusCode);
        Assert.Equal(5, gateway.Mock.State.Requests.Count(r => r.Path == "/v1/web/login"));
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/v1/heygen/accounts", new { email = "c@example.com", password = "pc", maxJobs = 1 })).StatusCode);
    }

    [Fact]
    public async Task ListGetAndDeleteAnswer404ForWhatIsNotThere()
    {
        await using var gateway = await TestGateway.StartAsync();
        var none = await gateway.Client.GetAsync("/v1/heygen/accounts");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("POST /v1/heygen/accounts", (await TestGateway.JsonAsync(none))["error"]!.GetValue<string>());
        await gateway.AddAccountAsync();

        var list = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/accounts"));
        Assert.Equal("…secured…", list[MockOptions.DefaultWebEmail]!["password"]!.GetValue<string>());
        var one = await gateway.Client.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("…secured…", (await TestGateway.JsonAsync(one))["session"]!["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/v1/heygen/accounts/nobody@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.DeleteAsync("/v1/heygen/accounts/nobody@example.com")).StatusCode);

        var deleted = await gateway.Client.DeleteAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var body = await TestGateway.JsonAsync(deleted);
        Assert.True(body["deleted"]!.GetValue<bool>());
        Assert.Equal(0, body["remaining"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")).StatusCode);
    }

    [Fact]
    public async Task UpstreamSecretsAreEncryptedAtRest()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        await gateway.Client.PostAsJsonAsync("/v1/heygen/accounts", new { apiKey = MockOptions.DefaultHeyGenKey, maxJobs = 1 });
        var issued = gateway.Mock.State.Requests.Count(r => r.Path == "/v1/web/login");
        Assert.Equal(1, issued);
        foreach (var file in Directory.EnumerateFiles(gateway.DataDirectory, "gateway.db*"))
        {
            var bytes = await TokenTests.ReadSharedAsync(file);
            Assert.DoesNotContain(MockOptions.DefaultWebPassword, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(MockOptions.DefaultHeyGenKey, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain("mock_web_at_", bytes, StringComparison.Ordinal);
            Assert.DoesNotContain("mock_st_", bytes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnUnreachableLoginGets502AndSavesNothing()
    {
        await using var gateway = await TestGateway.StartAsync();
        gateway.Mock.State.AddFault(new FaultRule("/v1/web/login", FaultKind.Status, 503, Times: null));
        var response = await gateway.AddAccountAsync();
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("nothing was saved", (await TestGateway.JsonAsync(response))["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/v1/heygen/accounts")).StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;

namespace Mediagate.Server.Tests.Accounts;

public sealed class SessionTests
{
    private static int Logins(TestGateway gateway) => gateway.Mock.State.Requests.Count(r => r.Path == "/v1/web/login");

    [Fact]
    public async Task ASessionAboutToExpireLogsInAgainBeforeItIsUsed()
    {
        // The sweeper's margin is 0 here, so only the renewal before use can log in again.
        await using var gateway = await TestGateway.StartAsync(new MockOptions { SessionLifetimeSeconds = 20 },
            settings: new Dictionary<string, string> { ["Gateway:SessionRefreshMarginSeconds"] = "0" });
        await gateway.AddAccountAsync();
        Assert.Equal(1, Logins(gateway));
        var response = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "fresh session" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Logins(gateway));
    }

    [Fact]
    public async Task TheSweeperRenewsSessionsWithinTheMarginWithoutAnyRequest()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:SessionRefreshMarginSeconds"] = "7200" });
        await gateway.AddAccountAsync();
        await TtsCreateTests.WaitForAsync(() => Task.FromResult(Logins(gateway) >= 3));
        var account = await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}"));
        Assert.Null(account["error"]);
    }

    [Fact]
    public async Task ARejectedSessionLogsInAgainAndTheCallSucceeds()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Status, 401));
        var response = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "retry me" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Logins(gateway));
    }

    [Fact]
    public async Task AnAccountWhoseReloginIsRefusedIsMarkedWithAnErrorAndSkipped()
    {
        var passwords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["a@example.com"] = "pa" };
        await using var gateway = await TestGateway.StartAsync(TtsCreateTests.ThreeAccounts(passwords));
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync("a@example.com", "pa", 2)).StatusCode);
        passwords["a@example.com"] = "changed-elsewhere";
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Status, 401));

        var failed = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "refused" });
        Assert.Equal(596, (int)failed.StatusCode);
        Assert.Contains("out of service", (await TestGateway.JsonAsync(failed))["error"]!.GetValue<string>());

        var account = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/accounts/a@example.com"));
        Assert.StartsWith("Re-login failed at ", account["error"]!.GetValue<string>());
        Assert.Contains("POST /v1/heygen/accounts", account["error"]!.GetValue<string>());

        var skipped = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "skipped" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, skipped.StatusCode);

        passwords["a@example.com"] = "pa";
        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync("a@example.com", "pa", 2)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "back" })).StatusCode);
    }
}

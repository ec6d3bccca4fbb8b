using System.Net;
using System.Net.Http.Json;
using Mediagate.Mock;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.HeyGenV3;

/// <summary>HeyGen's refusals on the <c>/v3</c> relay are the caller's to read: only a 401 says the account's key is bad.</summary>
public sealed class V3RefusalTests
{
    [Fact]
    public async Task HeyGensRefusalToDeleteAPublicVoicePassesThroughAndKeepsTheApiKeyAccountInService()
    {
        await using var gateway = await TestGateway.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await gateway.Client.PostAsJsonAsync("/v1/heygen/accounts", new { apiKey = MockOptions.DefaultHeyGenKey, maxJobs = 2 })).StatusCode);
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var deleted = await client.DeleteAsync($"/v3/voices/{V3Client.Marcia}");
        var error = (await TestGateway.JsonAsync(deleted))["error"]!;
        var state = (await V3Client.DataAsync(await client.GetAsync("/v3/users/me")))["mediagate"]!["accounts"]![0]!["state"]!.GetValue<string>();
        var speech = await V3Client.SpeakAsync(client);

        Assert.Equal((HttpStatusCode.Forbidden, "forbidden", "Public voices cannot be deleted"), (deleted.StatusCode, error["code"]!.GetValue<string>(), error["message"]!.GetValue<string>()));
        Assert.Equal(("ready", HttpStatusCode.OK), (state, speech.StatusCode));
    }

    [Fact]
    public async Task HeyGensRefusalToDeleteAPublicVoiceDoesNotLogAWebAccountInAgain()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);
        var logins = Logins(gateway);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/v3/voices/{V3Client.Marcia}")).StatusCode);

        Assert.Equal(logins, Logins(gateway));
    }

    private static int Logins(TestGateway gateway) => gateway.Mock.State.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/login", StringComparison.Ordinal));
}

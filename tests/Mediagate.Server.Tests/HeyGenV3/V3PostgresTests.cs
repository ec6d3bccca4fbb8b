using System.Net;
using Mediagate.Mock.Faults;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Postgres;

namespace Mediagate.Server.Tests.HeyGenV3;

/// <summary>The <c>/v3</c> pool on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class V3PostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task FortyConcurrentSpeechCallsOnPostgresAllSucceedWithinMaxJobsAndAreMetered()
    {
        await using var gateway = await V3PoolTests.ThreeAccountsAsync(2, postgres: await postgres.CreateDatabaseAsync());
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: null, DelayMs: 40));
        gateway.Mock.State.ClearRequests();
        using var client = V3Client.WithApiKey(gateway, gateway.Token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => V3Client.SpeakAsync(client, $"line {i:D2}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        V3PoolTests.AssertMaxJobsHeld(gateway, 2);
        var usage = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/usage"));
        Assert.Equal(40, usage["total"]!["completed"]!.GetValue<long>());
        Assert.Equal(40 * "line 00".Length, usage["total"]!["characters"]!.GetValue<long>());
        Assert.True(usage["total"]!["seconds"]!.GetValue<double>() > 0);
        var scheduler = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler"));
        Assert.Equal(0, scheduler["total"]!.GetValue<int>());
    }
}

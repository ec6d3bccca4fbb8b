using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;
using Mediagate.Tests.Support;

namespace Mediagate.Server.Tests.Postgres;

/// <summary>The gateway on a real PostgreSQL 15 server that the fixture starts on a free port in a temporary directory.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTests(PostgresServer postgres) : IDisposable
{
    private readonly TempHome _home = new();

    [Fact]
    public async Task TheApiWorksTheSameOnPostgres()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var gateway = await TestGateway.StartAsync(postgres: database);
        var health = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/healthz"));
        Assert.Equal("postgresql", health["store"]!.GetValue<string>());
        Assert.False(File.Exists(Path.Combine(gateway.DataDirectory, "gateway.db")));

        Assert.Equal(HttpStatusCode.Created, (await gateway.AddAccountAsync(maxJobs: 1)).StatusCode);
        var sync = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "On Postgres." }));
        Assert.Equal("completed", (await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{sync["job_id"]}")))["status"]!.GetValue<string>());

        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, DelayMs: 1000));
        var created = await TestGateway.JsonAsync(await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "Later.", async = true }));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "Busy." })).StatusCode);
        await TtsCreateTests.WaitForAsync(async () =>
            (await TestGateway.JsonAsync(await gateway.Client.GetAsync($"/v1/heygen/jobs/{created["jobid"]}")))["status"]!.GetValue<string>() == "completed");
        var scheduler = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/v1/heygen/scheduler"));
        Assert.Equal(0, scheduler["accounts"]![MockOptions.DefaultWebEmail]!["running"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.DeleteAsync($"/v1/heygen/accounts/{MockOptions.DefaultWebEmail}")).StatusCode);
    }

    [Fact]
    public async Task FiveHundredConcurrentCallsThroughTwoProcessesNeverRunMoreThanMaxJobsPerAccount()
    {
        var database = await postgres.CreateDatabaseAsync();
        var data = Path.Combine(_home.Root, "data");
        await using var mock = await MockFixture.StartAsync(TtsCreateTests.ThreeAccounts());
        var token = await ProcessClient.CreateTokenAsync(data, database);
        var processes = await Task.WhenAll(GatewayProcess.StartAsync(data, mock.BaseUrl, database), GatewayProcess.StartAsync(data, mock.BaseUrl, database));
        await using var first = processes[0];
        await using var second = processes[1];
        using var one = ProcessClient.For(first.Url, token);
        using var two = ProcessClient.For(second.Url, token);
        foreach (var (email, password) in new[] { ("a@example.com", "pa"), ("b@example.com", "pb"), ("c@example.com", "pc") })
        {
            Assert.Equal(HttpStatusCode.Created, (await one.PostAsJsonAsync("/v1/heygen/accounts", new { email, password, maxJobs = 2 })).StatusCode);
        }
        mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: null, DelayMs: 25));
        mock.State.ClearRequests();

        var statuses = new ConcurrentBag<int>();
        var busy = 0;
        var calls = Enumerable.Range(0, 500).Select(async i =>
        {
            var client = i % 2 == 0 ? one : two;
            for (var attempt = 0; ; attempt++)
            {
                var response = await client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = $"call {i % 7}" });
                if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 40)
                {
                    statuses.Add((int)response.StatusCode);
                    return;
                }
                Interlocked.Increment(ref busy);
                Assert.Equal(429, (await TestGateway.JsonAsync(response))["code"]!.GetValue<int>());
                await Task.Delay(Math.Min(1000, 50 << Math.Min(attempt, 4)) + Random.Shared.Next(50));
            }
        });
        await Task.WhenAll(calls);

        Assert.Equal(500, statuses.Count);
        Assert.True(statuses.All(s => s is 200 or 429), "unexpected statuses; the gateways logged:\n" + Tail(first.Log) + "\n" + Tail(second.Log));
        Assert.True(statuses.Count(s => s == 200) >= 450, $"only {statuses.Count(s => s == 200)} of 500 succeeded");
        Assert.True(busy > 0, "no call was ever refused with 429, so the limit was never tested");
        var sessions = mock.State.MaxInFlight.Where(p => p.Key.StartsWith("mock_web_at_", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, sessions.Count);
        Assert.All(sessions, p => Assert.InRange(p.Value, 1, 2));
        Assert.Contains(sessions, p => p.Value == 2);
        var perProcess = mock.State.Requests.Count(r => r.Path == "/v3/voices/speech");
        Assert.Equal(statuses.Count(s => s == 200), perProcess);

        var scheduler = JsonNode.Parse(await two.GetStringAsync("/v1/heygen/scheduler"))!;
        Assert.Equal(0, scheduler["total"]!.GetValue<int>());
        Assert.All(scheduler["accounts"]!.AsObject(), a => Assert.Equal(0, a.Value!["running"]!.GetValue<int>()));
    }

    [Fact]
    public async Task TwoProcessesUnderEqualLoadEachGetBetween40And60PercentOfTheSuccesses()
    {
        var database = await postgres.CreateDatabaseAsync();
        var data = Path.Combine(_home.Root, "data");
        await using var mock = await MockFixture.StartAsync(TtsCreateTests.ThreeAccounts());
        var token = await ProcessClient.CreateTokenAsync(data, database);
        // One after the other, and few slots for many callers: the process that started first, holding the slots, must not keep them.
        await using var first = await GatewayProcess.StartAsync(data, mock.BaseUrl, database);
        await using var second = await GatewayProcess.StartAsync(data, mock.BaseUrl, database);
        using var one = ProcessClient.For(first.Url, token);
        using var two = ProcessClient.For(second.Url, token);
        Assert.Equal(HttpStatusCode.Created, (await one.PostAsJsonAsync("/v1/heygen/accounts", new { email = "a@example.com", password = "pa", maxJobs = 3 })).StatusCode);
        mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: null, DelayMs: 30));

        // Bounded by count, not by time, so that a slow machine only takes longer; the time cap is a guard against a hang.
        const int Wanted = 200;
        var wins = new int[2];
        var until = DateTime.UtcNow.AddSeconds(90);
        var workers = Enumerable.Range(0, 40).Select(async i =>
        {
            var process = i % 2;
            var client = process == 0 ? one : two;
            while (Volatile.Read(ref wins[0]) + Volatile.Read(ref wins[1]) < Wanted && DateTime.UtcNow < until)
            {
                var response = await client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = $"fair {i % 5}" });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref wins[process]);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                    await Task.Delay(1 + Random.Shared.Next(3));
                }
            }
        });
        await Task.WhenAll(workers);

        var total = wins[0] + wins[1];
        Assert.True(total >= Wanted, $"only {total} calls succeeded in 90 s");
        var share = (double)wins[0] / total;
        Assert.True(share is >= 0.4 and <= 0.6, $"the first process got {wins[0]} of {total} successes, the second {wins[1]}");
    }

    [Fact]
    public async Task AProcessKilledOnPostgresHasItsJobsFailedAndSlotsFreedByTheOtherProcess()
    {
        var database = await postgres.CreateDatabaseAsync();
        var data = Path.Combine(_home.Root, "data");
        await using var mock = await MockFixture.StartAsync();
        var token = await ProcessClient.CreateTokenAsync(data, database);
        await using var survivor = await GatewayProcess.StartAsync(data, mock.BaseUrl, database);
        await using var victim = await GatewayProcess.StartAsync(data, mock.BaseUrl, database);
        using var toSurvivor = ProcessClient.For(survivor.Url, token);
        using var toVictim = ProcessClient.For(victim.Url, token);
        Assert.Equal(HttpStatusCode.Created, (await toSurvivor.PostAsJsonAsync("/v1/heygen/accounts", new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword, maxJobs = 1 })).StatusCode);
        mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: 1, DelayMs: 60_000));
        var submitted = await toVictim.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "lost", async = true });
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync() + victim.Log);
        var job = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["jobid"]!.GetValue<string>();
        await TtsCreateTests.WaitForAsync(async () => JsonNode.Parse(await toSurvivor.GetStringAsync("/v1/heygen/scheduler"))!["total"]!.GetValue<int>() == 1);
        await TtsCreateTests.WaitForAsync(() => Task.FromResult(mock.State.Requests.Any(r => r.Path == "/v3/voices/speech")));
        await victim.KillAsync();

        await TtsCreateTests.WaitForAsync(async () => JsonNode.Parse(await toSurvivor.GetStringAsync($"/v1/heygen/jobs/{job}"))!["status"]!.GetValue<string>() == "failed", seconds: 20);
        Assert.Equal(HttpStatusCode.OK, (await toSurvivor.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "slot is back" })).StatusCode);
    }

    [Fact]
    public async Task AnExistingPostgresDatabaseMigratesIntoOneTenantThatEveryTokenShares()
    {
        using var migration = new Storage.MigrationTests();
        await migration.MigratesAsync(await postgres.CreateDatabaseAsync());
    }

    private static string Tail(string log) => log.Length <= 3000 ? log : log[^3000..];

    public void Dispose() => _home.Dispose();
}

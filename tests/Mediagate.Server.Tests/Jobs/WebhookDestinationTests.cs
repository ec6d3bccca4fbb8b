using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Mediagate.Server.Jobs;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Tests.Jobs;

public sealed class WebhookDestinationTests
{
    /// <summary>Every way the probe of issue 15 reached a private address, and the other spellings of one.</summary>
    public static TheoryData<string> PrivateDestinations => new()
    {
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:60021/",
        "http://127.1/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://0x7f000001/",
        "http://0177.0.0.1/",
        "http://017700000001/",
        "http://localhost:8080/",
        "http://LOCALHOST./",
        "http://0.0.0.0/",
        "http://0/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://172.31.255.255/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://100.127.255.254/",
        "http://169.254.1.1/",
        "http://224.0.0.1/",
        "http://239.255.255.250/",
        "http://255.255.255.255/",
        "http://198.18.0.1/",
        "http://[::1]/",
        "http://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[::127.0.0.1]/",
        "http://[fc00::1]/",
        "http://[fd12:3456::1]/",
        "http://[fe80::1]/",
        "http://[ff02::1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[2002:7f00:1::]/",
        "https://user:pass@127.0.0.1/",
    };

    [Theory]
    [MemberData(nameof(PrivateDestinations))]
    public async Task AReplyUrlThatReachesAPrivateAddressIsRefusedWith400(string replyUrl)
    {
        // No account: before the check existed this answered 404, and no webhook could be sent anywhere.
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "hi", replyUrl });
        var body = await TestGateway.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{replyUrl}: {(int)response.StatusCode} {body.ToJsonString()}");
        Assert.Equal(400, body["code"]!.GetValue<int>());
        Assert.Contains("replyUrl", body["error"]!.GetValue<string>());
        Assert.Contains("public", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ANameWithAnyPrivateAddressAmongItsAddressesIsRefused()
    {
        var names = new FakeNames { ["mixed.example"] = [[IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.0.0.5")]] };
        await using var gateway = await TestGateway.StartAsync(services: s => s.AddSingleton<IHostResolver>(names));
        var response = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "hi", replyUrl = "https://mixed.example/hook" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("private (RFC 1918)", (await TestGateway.JsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ANameThatResolvesElsewhereWhenTheDeliveryConnectsIsNotConnectedTo()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // Public when the job is submitted, then the receiver on loopback: DNS rebinding.
        var names = new FakeNames { ["rebind.example"] = [[IPAddress.Parse("93.184.215.14")], [IPAddress.Loopback]] };
        await using var gateway = await TestGateway.StartAsync(services: s => s.AddSingleton<IHostResolver>(names));
        await gateway.AddAccountAsync();
        var response = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "rebound", replyUrl = $"http://rebind.example:{receiver.Port}/hook" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = await WebhookTests.WaitForWebhookAsync(gateway, (await TestGateway.JsonAsync(response))["job_id"]!.GetValue<string>(), "failed");
        Assert.All(job["webhook"]!["attempts"]!.AsArray(), a => Assert.Equal(
            "the destination is not allowed: host rebind.example resolves to an address that is not public (loopback)", a!["error"]!.GetValue<string>()));
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task AllowingPrivateWebhooksIsSaidInTheLogAtStart()
    {
        var log = new LogCapture();
        await using var gateway = await TestGateway.StartAsync(settings: WebhookTests.PrivateHooks, services: s => s.AddSingleton<ILoggerProvider>(log));
        Assert.Contains(log.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("AllowPrivateWebhooks", StringComparison.Ordinal));
    }

    /// <summary>Names resolved from a table, one answer per lookup (the last one repeats); any other name fails, so nothing is looked up off the machine.</summary>
    private sealed class FakeNames : Dictionary<string, IPAddress[][]>, IHostResolver
    {
        private readonly ConcurrentDictionary<string, int> _lookups = new();

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
            {
                return Task.FromResult<IPAddress[]>([literal]);
            }
            if (!TryGetValue(host, out var answers))
            {
                throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound);
            }
            var n = _lookups.AddOrUpdate(host, 0, (_, count) => count + 1);
            return Task.FromResult(answers[Math.Min(n, answers.Length - 1)]);
        }
    }

    private sealed class LogCapture : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture capture) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                capture.Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}

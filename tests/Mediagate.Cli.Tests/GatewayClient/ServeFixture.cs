using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.GatewayClient;

/// <summary>
/// The real <c>mediagate serve</c> (run in-process through the CLI, as a person runs it) on 127.0.0.1 over a temporary data
/// directory, with <c>mediagate mock</c> as its upstream HeyGen, and two tenants' tokens from <c>mediagate tokens create</c>.
/// </summary>
public sealed class ServeFixture : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task<CliRun>? _serve;

    private ServeFixture(MockFixture mock) => Mock = mock;

    /// <summary>The gateway's upstream; its home holds the gateway's environment and data directory.</summary>
    public MockFixture Mock { get; }

    /// <summary>Where the gateway listens, without a trailing slash.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Tenant A's token (tenant name <c>team-a</c>).</summary>
    public string TokenA { get; private set; } = "";

    /// <summary>Tenant B's token (tenant name <c>team-b</c>).</summary>
    public string TokenB { get; private set; } = "";

    private string Data => Path.Combine(Mock.Home.Root, "gateway");

    /// <summary>Starts the mock, makes the two tokens, and starts <c>mediagate serve</c>; returns once it answers <c>/healthz</c>.</summary>
    public static async Task<ServeFixture> StartAsync()
    {
        var fixture = new ServeFixture(await MockFixture.StartAsync());
        fixture.TokenA = await fixture.CreateTokenAsync("team-a");
        fixture.TokenB = await fixture.CreateTokenAsync("team-b");
        var port = FreePort();
        fixture.Url = $"http://127.0.0.1:{port}";
        fixture._serve = Task.Run(() => CliRunner.RunAsync(fixture.Mock.Home.Environment, new CliOptions { Cancel = fixture._stop.Token },
            "serve", "--urls", fixture.Url, "--data", fixture.Data));
        await fixture.WaitUntilUpAsync();
        return fixture;
    }

    /// <summary>Pools the mock's HeyGen key into a tenant with <c>POST /v1/heygen/accounts</c>.</summary>
    public async Task AddAccountAsync(string token, string apiKey, int maxJobs)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url + "/v1/heygen/accounts") { Content = JsonContent.Create(new { apiKey, maxJobs }) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await Mock.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"adding the account: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A client's environment: the gateway as <c>HEYGEN_API_BASE</c> (http allowed) and a token as <c>HEYGEN_API_KEY</c>, nothing else.</summary>
    public TempHome Client(string token)
    {
        var home = new TempHome();
        home.Variables["HEYGEN_API_BASE"] = Url;
        home.Variables["HEYGEN_ALLOW_HTTP"] = "1";
        home.Variables["HEYGEN_API_KEY"] = token;
        return home;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_serve is not null)
        {
            await _serve;
        }
        _stop.Dispose();
        await Mock.DisposeAsync();
    }

    private async Task<string> CreateTokenAsync(string name)
    {
        var run = await CliRunner.RunAsync(Mock.Home.Environment, "tokens", "create", "--name", name, "--data", Data, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        return (string?)JsonNode.Parse(run.Out)!["token"] ?? throw new InvalidOperationException("tokens create printed no token: " + run.Out);
    }

    private async Task WaitUntilUpAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            if (_serve!.IsCompleted)
            {
                var run = await _serve;
                throw new InvalidOperationException($"mediagate serve exited {run.ExitCode}: {run.Out}{run.Error}");
            }
            try
            {
                using var response = await Mock.Http.GetAsync(Url + "/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"mediagate serve did not answer {Url}/healthz within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

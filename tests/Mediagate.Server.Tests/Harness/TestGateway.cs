using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;
using Mediagate.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mediagate.Server.Tests.Harness;

/// <summary>A mock upstream, the gateway in-process on its own data directory, and a client holding a fresh API token; disposing it fails the test when an injected fault did not fire.</summary>
public sealed class TestGateway : IAsyncDisposable
{
    private TestGateway(MockServer mock, GatewayFactory factory, string dataDirectory, string token)
    {
        Mock = mock;
        Factory = factory;
        DataDirectory = dataDirectory;
        Token = token;
        Client = Authorized(token);
    }

    public MockServer Mock { get; }

    internal GatewayFactory Factory { get; }

    public string DataDirectory { get; }

    public string Token { get; }

    /// <summary>A client that sends <see cref="Token"/>.</summary>
    public HttpClient Client { get; }

    internal GatewayStore Store => Factory.Services.GetRequiredService<GatewayStore>();

    public static async Task<TestGateway> StartAsync(MockOptions? mock = null, string? postgres = null, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var server = await MockServer.StartAsync(mock);
        var data = Path.Combine(Path.GetTempPath(), "mediagate-gw-" + Guid.NewGuid().ToString("N")[..12]);
        var factory = new GatewayFactory(server.BaseUrl, data, postgres, settings, services);
        var token = await factory.Services.GetRequiredService<TokenStore>().CreateAsync("test", null, CancellationToken.None);
        return new TestGateway(server, factory, data, token.Token);
    }

    public HttpClient Anonymous() => Factory.CreateClient();

    public HttpClient Authorized(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>A token of a new tenant of its own, or of <paramref name="tenant"/> (the first token's is "test").</summary>
    internal Task<CreatedToken> CreateTokenAsync(string name, DateTimeOffset? expires = null, string? tenant = null) =>
        Service<TokenStore>().CreateAsync(name, expires, CancellationToken.None, tenant);

    public Task<HttpResponseMessage> AddAccountAsync(string email = MockOptions.DefaultWebEmail, string password = MockOptions.DefaultWebPassword, int maxJobs = 2) =>
        Client.PostAsJsonAsync("/v1/heygen/accounts", new { email, password, maxJobs });

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject ?? throw new InvalidOperationException("not a JSON object");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Mock.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp directory is cleaned up eventually.
        }
        FaultCheck.AssertEveryFaultFired(Mock.State);
    }
}

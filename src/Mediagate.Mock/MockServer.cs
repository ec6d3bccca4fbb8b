using System.Net;
using System.Text.Json.Serialization;
using Mediagate.Mock.Faults;
using Mediagate.Mock.ElevenLabs;
using Mediagate.Mock.Gemini;
using Mediagate.Mock.HeyGen;
using Mediagate.Mock.OpenRouter;
using Mediagate.Mock.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mediagate.Mock;

/// <summary>A real HTTP server on 127.0.0.1 that speaks the providers' documented APIs, for tests and offline pipelines.</summary>
public sealed class MockServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MockServer(WebApplication app, MockState state, Uri baseUrl)
    {
        _app = app;
        State = state;
        BaseUrl = baseUrl;
    }

    /// <summary>The one base URL that serves every provider's routes, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>What the mock remembers; tests inject faults and read requests through it.</summary>
    public MockState State { get; }

    /// <summary>The routes the mock serves, as ASP.NET Core's routing sees them.</summary>
    /// <remarks>Read from the running app rather than listed by hand, so a test that walks every route cannot miss a new one.</remarks>
    public IReadOnlyList<Endpoint> Endpoints => _app.Services.GetRequiredService<EndpointDataSource>().Endpoints;

    /// <summary>Starts the mock on 127.0.0.1, on <paramref name="port"/> or a free port when it is 0.</summary>
    public static async Task<MockServer> StartAsync(MockOptions? options = null, int port = 0, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var state = new MockState(options ?? new MockOptions(), time ?? TimeProvider.System);
        builder.Services.AddSingleton(state);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();
        app.UseMiddleware<MockMiddleware>();
        app.MapHeyGenIdentity();
        app.MapHeyGenMedia();
        app.MapWebLogin();
        app.MapElevenLabs();
        app.MapGemini();
        app.MapOpenRouter();
        app.MapOAuth();
        app.MapMockAdmin();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MockServer(app, state, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <summary>The environment variables that point Mediagate (and the peer CLIs) at this mock.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables()
    {
        var root = BaseUrl.ToString().TrimEnd('/');
        return new Dictionary<string, string>
        {
            ["HEYGEN_API_URL"] = root,
            ["MEDIAGATE_HEYGEN_WEB_URL"] = root,
            ["ELEVENLABS_API_URL"] = root,
            ["GEMINI_API_URL"] = root,
            ["OPENROUTER_API_URL"] = root,
            ["MEDIAGATE_OAUTH_CLIENT_ID"] = MockOptions.DefaultClientId,
            ["MEDIAGATE_OAUTH_AUTHORIZE_URL"] = root + "/oauth/authorize",
            ["MEDIAGATE_OAUTH_TOKEN_URL"] = root + "/v1/oauth/token",
            ["MEDIAGATE_OAUTH_DEVICE_URL"] = root + "/v1/oauth/device_authorization",
            ["MEDIAGATE_OAUTH_REVOKE_URL"] = root + "/v1/oauth/revoke",
        };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

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
        if (options?.PublicUrl is { } wanted)
        {
            ResolvePublicUrl(wanted, port);
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var state = new MockState(options ?? new MockOptions(), time ?? TimeProvider.System);
        builder.Services.AddSingleton(state);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();
        app.UseMiddleware<MockMiddleware>();
        // A path no route serves gets the owning provider's 404 envelope (Google's "status":"NOT_FOUND"…), not an empty body.
        app.UseStatusCodePages(async pages =>
        {
            var response = pages.HttpContext.Response;
            if (response.StatusCode == StatusCodes.Status404NotFound)
            {
                response.ContentType = "application/json";
                await response.WriteAsync(ErrorBodies.For(pages.HttpContext.Request.Path.Value ?? "/", 404), pages.HttpContext.RequestAborted);
            }
        });
        app.MapHeyGenIdentity();
        app.MapHeyGenMedia();
        app.MapHeyGenVoices();
        app.MapWebLogin();
        app.MapElevenLabs();
        app.MapGemini();
        app.MapOpenRouter();
        app.MapOAuth();
        app.MapMockAdmin();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        state.PublicBaseUrl = state.Options.PublicUrl is { } publicUrl ? ResolvePublicUrl(publicUrl, baseUrl.Port) : baseUrl;
        return new MockServer(app, state, baseUrl);
    }

    /// <summary>The public base URL: the given one, with the mock's port when it names none, always ending in "/".</summary>
    /// <exception cref="ArgumentException">The text is not an absolute http(s) URL without a path, query or credentials.</exception>
    public static Uri ResolvePublicUrl(string text, int port)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || url.AbsolutePath != "/" || url.Query.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new ArgumentException($"--public-url '{text}' must be an http(s) URL with a host and nothing after it, e.g. http://mock.test or https://mock.example.com:8443");
        }
        // Uri forgets whether the port was written out, so look at the authority as typed.
        var authority = text.Trim()[(url.Scheme.Length + 3)..].TrimEnd('/');
        var hasPort = authority.LastIndexOf(':') > authority.LastIndexOf(']');
        return new UriBuilder(url) { Port = hasPort ? url.Port : port, Path = "/" }.Uri;
    }

    /// <summary>The base URL clients are told to use: <c>--public-url</c> when given, else <see cref="BaseUrl"/>.</summary>
    public Uri PublicUrl => State.PublicBaseUrl;

    /// <summary>The environment variables that point Mediagate at this mock.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables()
    {
        var root = PublicUrl.ToString().TrimEnd('/');
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

    /// <summary>The environment variables that point HyperFrames' media pipeline (<c>audio.mjs</c>) at this mock: it reads <c>HEYGEN_API_BASE</c> and appends <c>/v3</c>.</summary>
    /// <remarks>Kept apart from <see cref="EnvironmentVariables"/>: for the peer a set <c>HEYGEN_API_BASE</c> plus <c>HEYGEN_API_KEY</c> wins over every other credential.</remarks>
    public IReadOnlyDictionary<string, string> PeerEnvironmentVariables()
    {
        var root = PublicUrl.ToString().TrimEnd('/');
        var variables = new Dictionary<string, string> { ["HEYGEN_API_BASE"] = root };
        if (PublicUrl.Scheme == "http")
        {
            variables["HEYGEN_ALLOW_HTTP"] = "1";
        }
        return variables;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

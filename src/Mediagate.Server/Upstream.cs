using System.Net;
using Mediagate.Providers.HeyGen;
using Microsoft.Extensions.DependencyInjection;

namespace Mediagate.Server;

/// <summary>The HeyGen clients the gateway calls with its accounts' credentials, over one pooled HTTP connection set.</summary>
internal sealed class Upstream
{
    /// <summary>
    /// The named <see cref="HttpClient"/> for HeyGen: no redirects, no client timeout (the HeyGen clients time each call out
    /// themselves), connections recycled every five minutes.
    /// </summary>
    public const string HttpClientName = "heygen";

    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    public Upstream(IHttpClientFactory http, GatewayOptions options, TimeProvider time)
    {
        // One client for the gateway's life: its SocketsHttpHandler recycles connections itself (see AddHttpClient), so DNS changes are seen.
        var client = http.CreateClient(HttpClientName);
        Speech = new HeyGenClient(client, options.HeyGenApiUrl, options.Upstream, time);
        Identity = new HeyGenIdentityClient(client, options.HeyGenApiUrl);
        Login = new HeyGenWebLoginClient(client, options.HeyGenWebUrl, options.Upstream with { MaxRetries = Math.Min(1, options.Upstream.MaxRetries) }, time);
    }

    public HeyGenClient Speech { get; }

    public HeyGenIdentityClient Identity { get; }

    public HeyGenWebLoginClient Login { get; }

    /// <summary>Registers the named HTTP client, with its handler and timeout.</summary>
    public static void AddHttpClient(IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = ConnectionLifetime,
                AutomaticDecompression = DecompressionMethods.All,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers(); // The gateway logs what matters itself; a request line can carry a signed download URL.
}

using System.Net;
using Mediagate.Providers.HeyGen;

namespace Mediagate.Server;

/// <summary>The HeyGen clients the gateway calls with its accounts' credentials, over one pooled HTTP connection set.</summary>
internal sealed class Upstream : IDisposable
{
    private readonly HttpClient _http;

    public Upstream(GatewayOptions options, TimeProvider time)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        Speech = new HeyGenClient(_http, options.HeyGenApiUrl, options.Upstream, time);
        Identity = new HeyGenIdentityClient(_http, options.HeyGenApiUrl);
        Login = new HeyGenWebLoginClient(_http, options.HeyGenWebUrl, options.Upstream with { MaxRetries = Math.Min(1, options.Upstream.MaxRetries) }, time);
    }

    public HeyGenClient Speech { get; }

    public HeyGenIdentityClient Identity { get; }

    public HeyGenWebLoginClient Login { get; }

    public void Dispose() => _http.Dispose();
}

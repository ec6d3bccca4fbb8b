using System.Net;
using System.Net.Sockets;
using Mediagate.Server.Security;
using Mediagate.Server.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// Where the gateway fetches <c>/v3</c> media from: the configured HeyGen API's own origin (<c>HEYGEN_API_URL</c>), or https on
/// HeyGen's media hosts (<see cref="GatewayOptions.MediaHosts"/>, <c>heygen.ai</c>, <c>heygen.com</c> and their subdomains by
/// default), and on those only public addresses, checked when the connection is made, as webhooks are.
/// </summary>
/// <remarks>
/// An upstream answer is not trusted to name what the gateway fetches: a URL elsewhere (an internal service, the cloud metadata
/// address) would be fetched from inside the network and served from the gateway's own origin.
/// </remarks>
internal sealed class MediaHosts(GatewayOptions options, IHostResolver resolver)
{
    /// <summary>The named <see cref="HttpClient"/> media downloads use.</summary>
    public const string HttpClientName = "heygen-media";

    /// <summary>True when media may be fetched from <paramref name="url"/>.</summary>
    public bool Allows(Uri url) => IsUpstreamOrigin(url.Scheme, url.IdnHost, url.Port)
        || (url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && url.UserInfo.Length == 0 && IsMediaHost(url.IdnHost));

    /// <summary>The media client's <see cref="SocketsHttpHandler.ConnectCallback"/>: the upstream's own origin as configured, HeyGen's media hosts on public addresses only.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            throw new HttpRequestException($"media host {host} could not be resolved");
        }
        if (!IsUpstreamOrigin(context.InitialRequestMessage.RequestUri?.Scheme ?? "", host, port))
        {
            if (!IsMediaHost(host) || addresses.Length == 0 || addresses.Any(a => WebhookAddresses.WhyNotPublic(a) is not null))
            {
                throw new HttpRequestException($"media host {host} is not one of HeyGen's public media hosts");
            }
        }
        return await CheckedConnect.FirstAsync(addresses, port, cancellationToken);
    }

    /// <summary>Registers the media client: no redirects (a redirect could lead anywhere), no proxy, connections through <see cref="ConnectAsync"/>.</summary>
    public static void AddHttpClient(IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = sp.GetRequiredService<MediaHosts>().ConnectAsync,
            })
            .RemoveAllLoggers();

    private bool IsUpstreamOrigin(string scheme, string host, int port) =>
        scheme == options.HeyGenApiUrl.Scheme && port == options.HeyGenApiUrl.Port
        && string.Equals(host.Trim('[', ']'), options.HeyGenApiUrl.IdnHost.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);

    private bool IsMediaHost(string host) => options.MediaHosts.Any(allowed =>
        string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + allowed, StringComparison.OrdinalIgnoreCase));
}

using System.Net;
using System.Net.Sockets;
using Mediagate.Server.Security;
using Mediagate.Server.Api;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Jobs;

/// <summary>
/// Decides where a webhook may go: an http(s) URL whose host resolves only to public unicast addresses
/// (<see cref="WebhookAddresses"/>). It is checked when the job is submitted and again when the delivery connects, and the
/// delivery connects to the very addresses it checked, so a name that resolves elsewhere later (DNS rebinding) is caught.
/// <see cref="GatewayOptions.AllowPrivateWebhooks"/> turns the address rule off.
/// </summary>
internal sealed class WebhookDestinations(IHostResolver resolver, GatewayOptions options, ILogger<WebhookDestinations> log)
{
    public const int MaxLength = 1024;

    /// <summary>Checks a submitted replyUrl.</summary>
    /// <exception cref="ApiException">400 that says why the URL cannot be used.</exception>
    public async Task CheckAsync(string replyUrl, CancellationToken cancellationToken)
    {
        if (replyUrl.Length > MaxLength)
        {
            throw ApiException.BadRequest("replyUrl is too long");
        }
        if (!Uri.TryCreate(replyUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.IdnHost.Length == 0)
        {
            throw ApiException.BadRequest($"replyUrl must be an absolute http(s) URL (got '{replyUrl}')");
        }
        try
        {
            await AllowedAddressesAsync(url.IdnHost, cancellationToken);
        }
        catch (WebhookDestinationException ex)
        {
            throw ApiException.BadRequest($"replyUrl {ex.Message}; webhooks go only to public addresses (Gateway:AllowPrivateWebhooks=true allows others, for development)");
        }
    }

    /// <summary>The webhooks client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves, checks, and connects to a checked address.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await AllowedAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        return await CheckedConnect.FirstAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
    }

    private async Task<IPAddress[]> AllowedAddressesAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            throw new WebhookDestinationException($"host {host} could not be resolved");
        }
        if (addresses.Length == 0)
        {
            throw new WebhookDestinationException($"host {host} has no address");
        }
        if (!options.AllowPrivateWebhooks)
        {
            foreach (var address in addresses)
            {
                if (WebhookAddresses.WhyNotPublic(address) is { } why)
                {
                    log.LogDebug("Refused a webhook destination {Host}: {Why}", host, why);
                    throw new WebhookDestinationException($"host {host} resolves to an address that is not public ({why})");
                }
            }
        }
        return addresses;
    }
}

/// <summary>A webhook destination is refused; the message says why, without the address it resolved to.</summary>
internal sealed class WebhookDestinationException(string message) : Exception(message);

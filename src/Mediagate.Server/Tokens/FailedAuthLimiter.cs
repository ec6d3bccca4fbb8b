using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Mediagate.Server.Tokens;

/// <summary>
/// Counts failed authentications in a one-minute fixed window, per presented token id and per client address (an IPv6 client
/// by its /64, which one host can rotate through). Past the limit of either, failures answer 429; a valid token is never
/// refused, so others' failures cannot lock a user out.
/// </summary>
internal sealed class FailedAuthLimiter(GatewayOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.FailedAuthPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Counts a failure; true when the token id or the address has now failed more often than the limit.</summary>
    public bool Fail(long? tokenId, IPAddress? client)
    {
        using var byAddress = _limiter.AttemptAcquire(AddressKey(client));
        if (tokenId is not { } id)
        {
            return !byAddress.IsAcquired;
        }
        using var byToken = _limiter.AttemptAcquire("token:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return !byAddress.IsAcquired || !byToken.IsAcquired;
    }

    private static string AddressKey(IPAddress? client)
    {
        if (client is null)
        {
            return "address:unknown";
        }
        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }
        return client.AddressFamily == AddressFamily.InterNetworkV6
            ? "address:" + new IPNetwork(new IPAddress(client.GetAddressBytes()[..8].Concat(new byte[8]).ToArray()), 64)
            : "address:" + client;
    }

    public void Dispose() => _limiter.Dispose();
}

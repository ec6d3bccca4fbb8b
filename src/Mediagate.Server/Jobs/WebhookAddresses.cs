using System.Net;
using System.Net.Sockets;

namespace Mediagate.Server.Jobs;

/// <summary>Which addresses a webhook may be sent to: public unicast only.</summary>
/// <remarks>
/// IPv4 refuses IANA's special-purpose ranges; IPv6 must be global unicast (2000::/3), outside the ranges that embed or
/// translate to IPv4 (6to4, Teredo, NAT64) and the documentation ones. IPv4-mapped and -compatible IPv6 are refused whatever they
/// embed, so no spelling of an address reaches a private one.
/// </remarks>
internal static class WebhookAddresses
{
    private static readonly (IPNetwork Network, string What)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\" (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.169.254/32"), "the cloud metadata service"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (RFC 1918)"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved for IETF protocols"),
        (IPNetwork.Parse("192.0.2.0/24"), "reserved for documentation"),
        (IPNetwork.Parse("192.88.99.0/24"), "the 6to4 relay anycast"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (RFC 1918)"),
        (IPNetwork.Parse("198.18.0.0/15"), "reserved for benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "reserved for documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "reserved for documentation"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (240.0.0.0/4) or broadcast"),
        (IPNetwork.Parse("::ffff:0:0/96"), "IPv4-mapped IPv6"),
        (IPNetwork.Parse("::/96"), "IPv4-compatible IPv6, unspecified or loopback"),
        (IPNetwork.Parse("64:ff9b::/96"), "NAT64 (it reaches IPv4)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "NAT64 (it reaches IPv4)"),
        (IPNetwork.Parse("2001::/23"), "reserved for IETF protocols (Teredo among them)"),
        (IPNetwork.Parse("2001:db8::/32"), "reserved for documentation"),
        (IPNetwork.Parse("2002::/16"), "6to4 (it reaches IPv4)"),
        (IPNetwork.Parse("3fff::/20"), "reserved for documentation"),
        (IPNetwork.Parse("fc00::/7"), "unique local IPv6"),
        (IPNetwork.Parse("fe80::/10"), "link-local IPv6"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>Null when <paramref name="address"/> is public unicast; otherwise what kind of address it is.</summary>
    public static string? WhyNotPublic(IPAddress address)
    {
        foreach (var (network, what) in Refused)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return what;
            }
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => null,
            AddressFamily.InterNetworkV6 when GlobalUnicast.Contains(address) => null,
            AddressFamily.InterNetworkV6 => "not global unicast IPv6",
            _ => "not an IP address",
        };
    }
}

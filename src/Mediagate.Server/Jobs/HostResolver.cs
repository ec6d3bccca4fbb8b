using System.Net;

namespace Mediagate.Server.Jobs;

/// <summary>Turns a webhook's host into addresses; tests replace it so that no name is looked up outside the machine.</summary>
internal interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system's resolver; an address literal in any spelling the system reads (<c>2130706433</c>, <c>0x7f.1</c>) is that address.</summary>
internal sealed class SystemHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? Task.FromResult<IPAddress[]>([literal]) : Dns.GetHostAddressesAsync(host, cancellationToken);
}

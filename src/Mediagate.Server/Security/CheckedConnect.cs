using System.Net;
using System.Net.Sockets;

namespace Mediagate.Server.Security;

/// <summary>Connects to the first of the addresses a caller has already checked, so the connection goes to a checked address and not to a fresh lookup.</summary>
public static class CheckedConnect
{
    /// <summary>A TCP stream to the first of <paramref name="addresses"/> that accepts on <paramref name="port"/>.</summary>
    /// <exception cref="SocketException">None of them accepted (the last refusal), or there were none.</exception>
    public static async ValueTask<Stream> FirstAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}

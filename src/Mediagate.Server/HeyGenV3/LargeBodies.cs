using System.Collections.Concurrent;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// Turns for requests with large bodies (voice-clone samples): at most <see cref="GatewayOptions.LargeBodiesPerTenant"/> per
/// tenant and <see cref="GatewayOptions.LargeBodies"/> in all, taken before the body is read and held until the answer.
/// </summary>
/// <remarks>Without it, every concurrent 32 MiB body is read and parsed before any slot is free, so memory grows with the callers.</remarks>
internal sealed class LargeBodies(GatewayOptions options)
{
    private readonly ConcurrentDictionary<long, Counter> _tenants = new();
    private int _all;

    /// <summary>A turn for <paramref name="tenant"/>, to dispose when the request ends; null when it or the gateway has none free.</summary>
    public IDisposable? TryEnter(long tenant)
    {
        var counter = _tenants.GetOrAdd(tenant, _ => new Counter());
        if (Interlocked.Increment(ref counter.Value) > options.LargeBodiesPerTenant)
        {
            Interlocked.Decrement(ref counter.Value);
            return null;
        }
        if (Interlocked.Increment(ref _all) > options.LargeBodies)
        {
            Interlocked.Decrement(ref _all);
            Interlocked.Decrement(ref counter.Value);
            return null;
        }
        return new Turn(this, counter);
    }

    private sealed class Counter
    {
        public int Value;
    }

    private sealed class Turn(LargeBodies owner, Counter counter) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._all);
                Interlocked.Decrement(ref counter.Value);
            }
        }
    }
}

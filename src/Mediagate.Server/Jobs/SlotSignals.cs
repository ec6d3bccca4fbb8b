using System.Collections.Concurrent;

namespace Mediagate.Server.Jobs;

/// <summary>Tells the callers waiting for a slot of a tenant, in this process, that one of its slots was given back.</summary>
/// <remarks>Slots given back by other processes sharing the database send no signal; waiters also look again on a short timer.</remarks>
internal sealed class SlotSignals
{
    private readonly ConcurrentDictionary<long, Signal> _signals = new();

    /// <summary>A task that completes at the next release of one of <paramref name="tenant"/>'s slots.</summary>
    public Task NextReleaseAsync(long tenant) => _signals.GetOrAdd(tenant, _ => new Signal()).Next;

    /// <summary>Wakes the waiters of <paramref name="tenant"/>.</summary>
    public void Released(long tenant)
    {
        if (_signals.TryGetValue(tenant, out var signal))
        {
            signal.Pulse();
        }
    }

    private sealed class Signal
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next => Volatile.Read(ref _next).Task;

        public void Pulse() =>
            Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}

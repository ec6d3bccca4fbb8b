namespace Mediagate.Tests.Support;

/// <summary>A clock whose timers fire at once and move the clock forward by their due time, so that waits of minutes take no time.</summary>
public sealed class InstantTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _waits = [];
    private DateTimeOffset _now;

    public InstantTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every timer's due time, in the order they were started.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_gate)
            {
                return [.. _waits];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _waits.Add(dueTime);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                _now += dueTime;
            }
        }
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }
        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

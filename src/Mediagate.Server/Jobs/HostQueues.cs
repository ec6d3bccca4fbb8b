namespace Mediagate.Server.Jobs;

/// <summary>
/// A queue per webhook destination with at most <c>perHost</c> deliveries running at once, so a receiver that never answers
/// holds up only its own deliveries. A destination's queue is dropped when it has nothing left to run.
/// </summary>
internal sealed class HostQueues(int perHost)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);

    /// <summary>How many destinations have work running or queued.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _hosts.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> now if its destination has a free place, or after the work queued before it; <paramref name="work"/> must not throw.</summary>
    public void Run(string destination, Func<Task> work)
    {
        lock (_gate)
        {
            if (!_hosts.TryGetValue(destination, out var host))
            {
                _hosts[destination] = host = new Host();
            }
            if (host.Running >= perHost)
            {
                host.Waiting.Enqueue(work);
                return;
            }
            host.Running++;
        }
        Start(destination, work);
    }

    private void Start(string destination, Func<Task> work) => _ = Task.Run(async () =>
    {
        var next = work;
        while (next is not null)
        {
            await next();
            lock (_gate)
            {
                var host = _hosts[destination];
                if (!host.Waiting.TryDequeue(out next))
                {
                    if (--host.Running == 0)
                    {
                        _hosts.Remove(destination);
                    }
                }
            }
        }
    });

    private sealed class Host
    {
        public int Running;

        public Queue<Func<Task>> Waiting { get; } = new();
    }
}

using System.Collections.Concurrent;
using Mediagate.Server.Api;
using Mediagate.Server.Jobs;
using Mediagate.Server.Storage;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// Takes a slot for a <c>/v3</c> call, waiting in line, first come first served, for up to <see cref="GatewayOptions.SlotWait"/>
/// when every account is busy, then 429. While waiting it holds no slot; a caller that disconnects leaves the line.
/// </summary>
/// <remarks>
/// HyperFrames 0.8.170 speaks four lines at once and never retries, so an immediate 429 would fail its lines; a short wait turns
/// a burst into a queue. A call that finds no one waiting tries at once (the group-committed fast path); once anyone waits, new
/// calls join the line behind them. Calls bound to one account (a clone's) have a line of their own per account, so they never
/// hold up callers who could take another account. The line is per process: waiters on other processes sharing the database compete by polling.
/// </remarks>
internal sealed class SlotWaits(SlotPool pool, SlotSignals signals, GatewayOptions options)
{
    /// <summary>How often a waiter looks again without a signal (slots freed by another process send none).</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>One line per tenant for calls that take any of its accounts, and one per (tenant, account) for calls bound to one (a clone's).</summary>
    private readonly ConcurrentDictionary<(long Tenant, string? Email), Line> _lines = new();

    /// <summary>Takes a slot on <paramref name="email"/>'s account, or on any of the tenant's accounts with a free one.</summary>
    /// <exception cref="ApiException">429 when none came free in time; 404 or 503 as <see cref="SlotPool.AcquireAsync"/>.</exception>
    public async Task<Lease> AcquireAsync(JobRow job, string? email, CancellationToken cancellationToken)
    {
        // A caller bound to one busy account does not hold up callers who could take any other.
        var line = _lines.GetOrAdd((job.TenantId, email?.ToLowerInvariant()), _ => new Line());
        if (Volatile.Read(ref line.Waiting) == 0 || options.SlotWait <= TimeSpan.Zero)
        {
            try
            {
                return await pool.AcquireAsync(job, email, cancellationToken);
            }
            catch (ApiException ex) when (ex.Status == StatusCodes.Status429TooManyRequests && options.SlotWait > TimeSpan.Zero)
            {
                // Every slot is busy: wait in line.
            }
        }
        Interlocked.Increment(ref line.Waiting);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.SlotWait);
        try
        {
            await line.Turn.WaitAsync(deadline.Token);
            try
            {
                while (true)
                {
                    var released = signals.NextReleaseAsync(job.TenantId);
                    try
                    {
                        return await pool.AcquireAsync(job, email, cancellationToken);
                    }
                    catch (ApiException ex) when (ex.Status == StatusCodes.Status429TooManyRequests)
                    {
                        await released.WaitAsync(Poll, deadline.Token).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        deadline.Token.ThrowIfCancellationRequested();
                    }
                }
            }
            finally
            {
                line.Turn.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiException(StatusCodes.Status429TooManyRequests,
                $"every HeyGen account of this tenant stayed busy for {options.SlotWait.TotalSeconds:0.#} s (Gateway__SlotWaitSeconds); retry later, or add accounts with POST /v1/heygen/accounts");
        }
        finally
        {
            Interlocked.Decrement(ref line.Waiting);
        }
    }

    /// <summary>How many callers of <paramref name="tenant"/> wait in line now (or are taking their turn).</summary>
    public int Waiting(long tenant) => _lines.Where(l => l.Key.Tenant == tenant).Sum(l => Volatile.Read(ref l.Value.Waiting));

    private sealed class Line
    {
        /// <summary>Callers in line, or taking their turn.</summary>
        public int Waiting;

        /// <summary>One waiter at a time tries for a slot, in the order they came (<see cref="SemaphoreSlim"/> serves waiters in order).</summary>
        public SemaphoreSlim Turn { get; } = new(1, 1);
    }
}

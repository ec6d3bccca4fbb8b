using System.Diagnostics;
using Mediagate.Server.Accounts;
using Mediagate.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Jobs;

/// <summary>
/// Each process's housekeeping, every <see cref="GatewayOptions.SweepInterval"/>: beat this process's heartbeat; fail the jobs of
/// processes that died (heartbeat too old, or a dead pid on this host) and give back their slots; renew web sessions about to
/// expire; drop jobs older than the retention and deleted accounts whose last job has ended.
/// </summary>
internal sealed class Sweeper(
    GatewayStore store,
    InstanceIdentity instance,
    SlotPool pool,
    SessionKeeper sessions,
    AccountStore accounts,
    WebhookSender webhooks,
    TimeProvider time,
    GatewayOptions options,
    ILogger<Sweeper> log) : BackgroundService
{
    /// <summary>Registers this process and recovers whatever dead processes left, before the gateway takes requests.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var db = store.Create())
        {
            db.Instances.Add(new InstanceRow { Id = instance.Id, Host = instance.Host, Pid = instance.Pid, StartedAt = now, HeartbeatAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
        await RecoverAsync(cancellationToken);
    }

    /// <remarks>The heartbeat has its own loop, so slow housekeeping (a session renewal waiting on HeyGen) never delays it.</remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(LoopAsync(BeatAsync, stoppingToken), LoopAsync(SweepAsync, stoppingToken));

    private async Task LoopAsync(Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await work(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning("Housekeeping failed this round and will run again: {Reason}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Tells the other processes this one is alive.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await store.OpenHousekeepingAsync(cancellationToken);
        await using var beat = Sql.Command(connection, "UPDATE instances SET \"HeartbeatAt\" = @Now WHERE \"Id\" = @Id", ("@Now", now), ("@Id", instance.Id));
        if (await beat.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            // Another process took this one for dead (a long stall); register again so new jobs are not orphans.
            await using var register = Sql.Command(connection,
                "INSERT INTO instances (\"Id\", \"Host\", \"Pid\", \"StartedAt\", \"HeartbeatAt\") VALUES (@Id, @Host, @Pid, @Now, @Now)",
                ("@Id", instance.Id), ("@Host", instance.Host), ("@Pid", instance.Pid), ("@Now", now));
            await register.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var db = store.Create())
        {
            var cutoff = now - (long)options.JobRetention.TotalMilliseconds;
            await db.Deliveries.Where(d => db.Jobs.Any(j => j.JobId == d.JobId && j.CreatedAt < cutoff && !j.HoldsSlot)).ExecuteDeleteAsync(cancellationToken);
            await db.Jobs.Where(j => j.CreatedAt < cutoff && !j.HoldsSlot).ExecuteDeleteAsync(cancellationToken);
        }
        await RecoverAsync(cancellationToken);
        await accounts.PurgeDeletedAsync(cancellationToken);
        await sessions.RenewDueAsync(cancellationToken);
    }

    /// <summary>Fails the jobs of dead processes and gives their slots back, each job in one transaction with its slot (<see cref="SlotPool.ReleaseAsync(string, long, JobOutcome, CancellationToken)"/>).</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var stale = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.InstanceTimeout.TotalMilliseconds;
        await using var db = store.Create();
        // Jobs first, then processes: a process registers before it takes a slot, so every job read here has its process in the
        // list read next, unless that process is really gone.
        var orphans = await db.Jobs.AsNoTracking().Where(j => j.HoldsSlot && j.Instance != instance.Id).ToListAsync(cancellationToken);
        var instances = await db.Instances.AsNoTracking().ToListAsync(cancellationToken);
        var dead = instances.Where(i => i.Id != instance.Id && (i.HeartbeatAt < stale || (i.Host == instance.Host && !IsAlive(i)))).ToList();
        var live = instances.Select(i => i.Id).Except(dead.Select(d => d.Id)).ToHashSet();
        foreach (var job in orphans.Where(j => j.Instance is null || !live.Contains(j.Instance)))
        {
            var who = dead.FirstOrDefault(d => d.Id == job.Instance) is { } d ? $"pid {d.Pid} on {d.Host}" : "an unknown process";
            var error = $"the gateway process running this job ({who}) stopped before it finished; nothing was returned, so send the request again";
            if (await pool.ReleaseAsync(job.JobId, job.AccountId ?? 0, JobOutcome.Failed(503, error), cancellationToken))
            {
                log.LogWarning("Job {JobId} on {Account} was lost with {Who}; marked failed and its slot given back", job.JobId, job.Email, who);
                if (job.ReplyUrl is not null)
                {
                    webhooks.Enqueue(job.JobId);
                }
            }
        }
        foreach (var gone in dead)
        {
            await db.Instances.Where(i => i.Id == gone.Id).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>Removes this process's row at a clean stop, so no one waits for its heartbeat to lapse.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var db = store.Create();
            await db.Instances.Where(i => i.Id == instance.Id).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("Could not unregister this process: {Reason}", ex.Message);
        }
    }

    /// <summary>Whether a process on this host is still the one that registered (a reused pid started later is not).</summary>
    private bool IsAlive(InstanceRow row)
    {
        if (row.Pid == instance.Pid)
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(row.Pid);
            var started = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds();
            return started <= row.StartedAt + 1000;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

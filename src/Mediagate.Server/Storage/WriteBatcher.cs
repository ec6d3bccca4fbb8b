using System.Data.Common;
using System.Threading.Channels;

namespace Mediagate.Server.Storage;

/// <summary>
/// Runs this process's slot writes in batches (group commit): a write waits in a queue, and a writer runs everything queued in
/// one transaction, so a burst of requests pays for one commit rather than one each. One batch runs at a time: SQLite allows
/// one writer anyway, and on PostgreSQL parallel batches of one process would mostly skip each other's locked rows.
/// </summary>
/// <remarks>
/// <para>Each write still happens in exactly one committed transaction, or not at all. When a write throws, the batch is rolled
/// back and each of its writes runs again in a transaction of its own, so one failure cannot undo or fail the others. When the
/// database itself fails (no connection, no transaction, no commit), every write of the batch fails with that error at once.</para>
/// <para>On PostgreSQL, batches of several processes lock account rows. To keep them from waiting on each other in a cycle, a
/// batch runs its writes in the order of their <c>order</c> keys (on SQLite releases first, by account; PostgreSQL releases run outside the batches, see <c>SlotPool</c>), and a write that would have to
/// wait for a row another batch holds returns <see cref="WriteResult{T}.Alone"/> instead. It then runs again after the batch,
/// alone and without a transaction, each of its statements atomic by itself, so that when it waits it holds nothing.</para>
/// <para>A write whose caller has gone (its token cancelled) before it ran is dropped. Once it has run, its caller gets the
/// result whatever its token says, so a slot taken is never lost track of.</para>
/// </remarks>
internal sealed class WriteBatcher
{
    private const int MaxBatch = 64;

    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly bool _aloneInTransaction;
    private readonly Channel<Write> _queue = Channel.CreateUnbounded<Write>();
    private long _batches;

    /// <param name="open">Opens a pooled connection.</param>
    /// <param name="aloneInTransaction">Whether a write run alone gets a transaction (SQLite), or runs its statements each in its
    /// own implicit one (PostgreSQL, where every slot statement is atomic by itself).</param>
    public WriteBatcher(Func<CancellationToken, ValueTask<DbConnection>> open, bool aloneInTransaction)
    {
        _open = open;
        _aloneInTransaction = aloneInTransaction;
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Batches run so far; fewer than the writes when requests arrive together.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>
    /// Queues <paramref name="write"/> and waits for its committed result. It gets the connection and the transaction to run in,
    /// and whether it runs in a batch (where it must not wait on a row lock) or alone.
    /// </summary>
    public Task<T> RunAsync<T>(string order, Func<WriteContext, CancellationToken, Task<WriteResult<T>>> write, CancellationToken cancellationToken)
    {
        var queued = new Write<T>(order, write, cancellationToken);
        if (!_queue.Writer.TryWrite(queued))
        {
            throw new ObjectDisposedException(nameof(WriteBatcher));
        }
        return queued.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Write>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                if (write.Token.IsCancellationRequested)
                {
                    write.Cancel();
                }
                else
                {
                    batch.Add(write);
                }
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                await RunBatchAsync(batch);
            }
            catch (Exception ex)
            {
                // RunBatchAsync settles every write itself; this is a last guard so no caller waits forever.
                foreach (var write in batch)
                {
                    write.Fail(ex);
                }
            }
        }
    }

    private async Task RunBatchAsync(List<Write> batch)
    {
        Interlocked.Increment(ref _batches);
        List<Write> alone = [];
        if (batch.Count > 1)
        {
            var ordered = batch.OrderBy(w => w.Order, StringComparer.Ordinal).ToList();
            var writeFailed = false;
            try
            {
                await using var connection = await _open(CancellationToken.None);
                await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
                var context = new WriteContext(connection, transaction, Batched: true);
                foreach (var write in ordered)
                {
                    writeFailed = true;
                    if (!await write.RunAsync(context))
                    {
                        alone.Add(write);
                    }
                    writeFailed = false;
                }
                await transaction.CommitAsync(CancellationToken.None);
                foreach (var write in ordered.Except(alone))
                {
                    write.Complete();
                }
            }
            catch (Exception) when (writeFailed)
            {
                // Nothing of the batch was committed: every write runs again on its own.
                alone = ordered;
            }
            catch (Exception ex)
            {
                // The database itself failed (connect, begin, commit): trying each write again would only repeat it.
                ordered.ForEach(write => write.Fail(ex));
                return;
            }
        }
        else
        {
            alone = batch;
        }
        for (var i = 0; i < alone.Count; i++)
        {
            var write = alone[i];
            var inWrite = false;
            try
            {
                await using var connection = await _open(CancellationToken.None);
                await using var transaction = _aloneInTransaction ? await connection.BeginTransactionAsync(CancellationToken.None) : null;
                inWrite = true;
                await write.RunAsync(new WriteContext(connection, transaction, Batched: false));
                inWrite = false;
                if (transaction is not null)
                {
                    await transaction.CommitAsync(CancellationToken.None);
                }
                write.Complete();
            }
            catch (Exception ex) when (inWrite)
            {
                write.Fail(ex);
            }
            catch (Exception ex)
            {
                alone[i..].ForEach(w => w.Fail(ex));
                return;
            }
        }
    }

    private abstract class Write(string order, CancellationToken token)
    {
        public string Order { get; } = order;

        public CancellationToken Token { get; } = token;

        /// <summary>Runs the write; false when it asks to run again alone.</summary>
        public abstract Task<bool> RunAsync(WriteContext context);

        /// <summary>Hands the result of the last run to the caller (after its commit).</summary>
        public abstract void Complete();

        public abstract void Fail(Exception ex);

        public abstract void Cancel();
    }

    private sealed class Write<T>(string order, Func<WriteContext, CancellationToken, Task<WriteResult<T>>> write, CancellationToken token) : Write(order, token)
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public override async Task<bool> RunAsync(WriteContext context)
        {
            var result = await write(context, CancellationToken.None);
            _result = result.Value;
            return !result.RunAlone;
        }

        public override void Complete() => _done.TrySetResult(_result);

        public override void Fail(Exception ex) => _done.TrySetException(ex);

        public override void Cancel() => _done.TrySetCanceled(Token);
    }
}

/// <summary>Where a batched write runs: its connection and transaction (none for a lone write on PostgreSQL), and whether other writes share them.</summary>
internal sealed record WriteContext(DbConnection Connection, DbTransaction? Transaction, bool Batched)
{
    /// <summary>A command in this context's transaction.</summary>
    public DbCommand Command(string text, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = Sql.Command(Connection, text, parameters);
        command.Transaction = Transaction;
        return command;
    }
}

/// <summary>What a batched write gives back: its value, or a request to run again alone.</summary>
internal readonly record struct WriteResult<T>(T Value, bool RunAlone)
{
    public static WriteResult<T> Done(T value) => new(value, false);

    public static WriteResult<T> Alone() => new(default!, true);
}

using System.Data.Common;
using Mediagate.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Mediagate.Server.Tests.Storage;

/// <summary>
/// The group-commit queue on a real SQLite file. Each test holds the writer inside a first write while the others queue, so the
/// queued ones are certain to run as one batch.
/// </summary>
public sealed class WriteBatcherTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mediagate-batcher-").FullName;
    private readonly WriteBatcher _batcher;
    private volatile bool _databaseDown;
    private int _opened;

    public WriteBatcherTests()
    {
        using (var setup = Open())
        {
            Execute(setup, null, "PRAGMA journal_mode=WAL; CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL);");
        }
        _batcher = new WriteBatcher(_ =>
        {
            Interlocked.Increment(ref _opened);
            return _databaseDown ? throw new SqliteException("unable to open database file", 14) : ValueTask.FromResult<DbConnection>(Open());
        }, aloneInTransaction: true);
    }

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public async Task WritesQueuedTogetherCommitInOneBatchAndEachCallerGetsItsOwnResult()
    {
        var (blocker, release) = await HoldTheWriterAsync("first");
        var writes = Enumerable.Range(0, 50).Select(i => _batcher.RunAsync("w", (write, _) =>
        {
            Assert.True(write.Batched);
            Execute(write.Connection, write.Transaction, $"INSERT INTO t VALUES ('k{i}', {i})");
            return Task.FromResult(WriteResult<int>.Done(i * 10));
        }, CancellationToken.None)).ToList();
        release();

        Assert.Equal("first", await blocker);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * 10), await Task.WhenAll(writes));
        Assert.Equal(2, _batcher.Batches);
        Assert.Equal(51, Count("1=1"));
    }

    [Fact]
    public async Task AWriteThatThrowsFailsAloneWhileTheOthersCommitAndItsOwnChangesAreRolledBack()
    {
        var (blocker, release) = await HoldTheWriterAsync("first");
        var good = Enumerable.Range(0, 5).Select(i => Insert($"good{i}")).ToList();
        var bad = _batcher.RunAsync("w", (write, _) =>
        {
            Execute(write.Connection, write.Transaction, "INSERT INTO t VALUES ('bad-partial', 1)");
            Execute(write.Connection, write.Transaction, "INSERT INTO t VALUES ('good0', 2)"); // the primary key is taken
            return Task.FromResult(WriteResult<bool>.Done(true));
        }, CancellationToken.None);
        var later = Enumerable.Range(0, 5).Select(i => Insert($"later{i}")).ToList();
        release();
        await blocker;

        await Assert.ThrowsAsync<SqliteException>(() => bad);
        Assert.All(await Task.WhenAll(good.Concat(later)), Assert.True);
        Assert.Equal(0, Count("k = 'bad-partial'"));
        Assert.Equal(1, Count("k = 'good0' AND v = 1"));
        Assert.Equal(11, Count("1=1"));
    }

    [Fact]
    public async Task AWriteWhoseCallerLeftBeforeItRanIsDroppedButOneThatRanReportsItsResult()
    {
        using var leftEarly = new CancellationTokenSource();
        using var leftLate = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = _batcher.RunAsync("w", async (write, _) =>
        {
            Execute(write.Connection, write.Transaction, "INSERT INTO t VALUES ('ran', 1)");
            started.SetResult();
            await proceed.Task;
            return WriteResult<string>.Done("taken");
        }, leftLate.Token);
        await started.Task;
        var dropped = Insert("dropped", leftEarly.Token);
        leftEarly.Cancel();
        leftLate.Cancel();
        proceed.SetResult();

        Assert.Equal("taken", await ran);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dropped);
        Assert.Equal(1, Count("k = 'ran'"));
        Assert.Equal(0, Count("k = 'dropped'"));
    }

    [Fact]
    public async Task AWriteThatAsksToRunAloneRunsAfterTheBatchAndItsCallerGetsTheLoneResult()
    {
        var (blocker, release) = await HoldTheWriterAsync("first");
        var shy = _batcher.RunAsync("b", (write, _) =>
        {
            if (write.Batched)
            {
                return Task.FromResult(WriteResult<string>.Alone());
            }
            Assert.NotNull(write.Transaction);
            Execute(write.Connection, write.Transaction, "INSERT INTO t VALUES ('shy', 1)");
            return Task.FromResult(WriteResult<string>.Done("alone"));
        }, CancellationToken.None);
        var plain = Insert("plain");
        release();
        await blocker;

        Assert.Equal("alone", await shy);
        Assert.True(await plain);
        Assert.Equal(3, Count("1=1"));
    }

    [Fact]
    public async Task WhenTheDatabaseFailsEveryWriteOfTheBatchFailsAtOnceWithoutRunning()
    {
        var (blocker, release) = await HoldTheWriterAsync("first");
        _databaseDown = true;
        var ran = 0;
        var writes = Enumerable.Range(0, 10).Select(i => _batcher.RunAsync("w", (_, _) =>
        {
            Interlocked.Increment(ref ran);
            return Task.FromResult(WriteResult<bool>.Done(true));
        }, CancellationToken.None)).ToList();
        release();
        await blocker;

        foreach (var write in writes)
        {
            Assert.Equal("unable to open database file", (await Assert.ThrowsAsync<SqliteException>(() => write)).Message);
        }
        Assert.Equal(0, ran);
        Assert.Equal(2, _opened);
    }

    [Fact]
    public async Task WritesRunInTheOrderOfTheirKeys()
    {
        var (blocker, release) = await HoldTheWriterAsync("first");
        var order = new List<string>();
        var writes = new[] { "1 take", "0 b", "1 take", "0 a" }.Select(key => _batcher.RunAsync(key, (_, _) =>
        {
            order.Add(key);
            return Task.FromResult(WriteResult<bool>.Done(true));
        }, CancellationToken.None)).ToList();
        release();
        await blocker;
        await Task.WhenAll(writes);

        Assert.Equal(["0 a", "0 b", "1 take", "1 take"], order);
    }

    /// <summary>Starts a write that holds the writer until <c>release</c> is called.</summary>
    private async Task<(Task<string> Write, Action Release)> HoldTheWriterAsync(string value)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var write = _batcher.RunAsync("a", async (context, _) =>
        {
            Execute(context.Connection, context.Transaction, $"INSERT INTO t VALUES ('{value}', 1)");
            started.SetResult();
            await proceed.Task;
            return WriteResult<string>.Done(value);
        }, CancellationToken.None);
        await started.Task;
        return (write, proceed.SetResult);
    }

    private Task<bool> Insert(string key, CancellationToken cancellationToken = default) => _batcher.RunAsync("w", (write, _) =>
    {
        Execute(write.Connection, write.Transaction, $"INSERT INTO t VALUES ('{key}', 1)");
        return Task.FromResult(WriteResult<bool>.Done(true));
    }, cancellationToken);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "t.db")};Pooling=false");
        connection.Open();
        return connection;
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private long Count(string where)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM t WHERE " + where;
        return (long)command.ExecuteScalar()!;
    }
}

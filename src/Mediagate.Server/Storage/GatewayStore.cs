using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Mediagate.Server.Storage;

/// <summary>The gateway's database: SQLite in the data directory (WAL), or PostgreSQL shared by several gateway processes.</summary>
internal sealed class GatewayStore
{
    private readonly Func<GatewayDb> _create;
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;

    private readonly Func<CancellationToken, ValueTask<DbConnection>> _openHousekeeping;

    private GatewayStore(Func<GatewayDb> create, Func<CancellationToken, ValueTask<DbConnection>> open, bool isPostgres, string description,
        Func<CancellationToken, ValueTask<DbConnection>>? openHousekeeping = null)
    {
        _create = create;
        _open = open;
        _openHousekeeping = openHousekeeping ?? open;
        IsPostgres = isPostgres;
        Description = description;
        Writes = new WriteBatcher(open, aloneInTransaction: !isPostgres);
        Releases = isPostgres ? new WriteBatcher(open, aloneInTransaction: false) : Writes;
    }

    /// <summary>
    /// Where slot releases are batched. On SQLite, <see cref="Writes"/>. On PostgreSQL, a queue of their own: a release committed in
    /// the same transaction as the process's queued takes let those takes have the freed slot first, so the process that held the
    /// slots kept them; released in their own commit, the slots are free to every process at once, and a burst of releases still
    /// pays for one commit, not one each.
    /// </summary>
    public WriteBatcher Releases { get; }

    /// <summary>
    /// This process's slot writes, run in batches one at a time. Waiting in the queue is cheap, while on SQLite a write that finds
    /// the database locked backs off for milliseconds, and on PostgreSQL a burst of requests would drain the connection pool that
    /// the heartbeat and token checks also need.
    /// </summary>
    public WriteBatcher Writes { get; }

    /// <summary>True on PostgreSQL.</summary>
    public bool IsPostgres { get; }

    /// <summary>Where the data is, for people: the SQLite path, or PostgreSQL's host and database (no password).</summary>
    public string Description { get; }

    /// <summary>Opens the store the options name; nothing touches the database until the first call.</summary>
    /// <exception cref="GatewayConfigurationException">The PostgreSQL connection string is malformed.</exception>
    public static GatewayStore Open(GatewayOptions options)
    {
        if (options.Postgres is { } connection)
        {
            NpgsqlConnectionStringBuilder parsed;
            try
            {
                parsed = new NpgsqlConnectionStringBuilder(connection);
            }
            catch (ArgumentException ex)
            {
                throw new GatewayConfigurationException($"the PostgreSQL connection string is malformed: {ex.Message}");
            }
            // The slot statements run thousands of times a second: prepared once per connection, PostgreSQL parses and plans
            // them once (unless the connection string says otherwise).
            if (!connection.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connection.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
            {
                parsed.MaxAutoPrepare = 32;
            }
            var source = NpgsqlDataSource.Create(parsed.ConnectionString);
            var pg = new DbContextOptionsBuilder<PostgresGatewayDb>().UseNpgsql(source).Options;
            var pool = new PooledDbContextFactory<PostgresGatewayDb>(pg);
            // The heartbeat has a pool of its own, so a burst of requests that drains the main pool cannot make this process look dead.
            var housekeeping = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(parsed.ConnectionString) { MaxPoolSize = 2, MinPoolSize = 0 }.ConnectionString);
            return new GatewayStore(pool.CreateDbContext, async ct => await source.OpenConnectionAsync(ct), true, $"PostgreSQL {parsed.Host}:{parsed.Port}/{parsed.Database}",
                async ct => await housekeeping.OpenConnectionAsync(ct));
        }
        CreatePrivateDirectory(options.DataDirectory);
        CreatePrivateDatabase(options.SqlitePath);
        var sqlite = new SqliteConnectionStringBuilder { DataSource = options.SqlitePath, Pooling = true, DefaultTimeout = 30 }.ConnectionString;
        var lite = new DbContextOptionsBuilder<SqliteGatewayDb>().UseSqlite(sqlite).AddInterceptors(SqlitePragmas.Instance).Options;
        var litePool = new PooledDbContextFactory<SqliteGatewayDb>(lite);
        return new GatewayStore(litePool.CreateDbContext, async ct =>
        {
            var connection = new SqliteConnection(sqlite);
            await connection.OpenAsync(ct);
            SqlitePragmas.Apply(connection);
            return connection;
        }, false, "SQLite " + options.SqlitePath);
    }

    /// <summary>Creates the data directory at 0700, or makes an existing one 0700: it holds the database and the key ring.</summary>
    public static void CreatePrivateDirectory(string path)
    {
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, Private);
        if (File.GetUnixFileMode(path) != Private)
        {
            File.SetUnixFileMode(path, Private);
        }
    }

    /// <summary>
    /// Makes the SQLite file 0600 before SQLite opens it: created empty at 0600 when it is new, narrowed when it exists. SQLite
    /// creates the WAL and shared-memory files with the database's mode; any left from before are narrowed too.
    /// </summary>
    private static void CreatePrivateDatabase(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Private }))
            {
                // An empty file is an empty SQLite database.
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // It exists already.
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && File.GetUnixFileMode(file) != Private)
            {
                File.SetUnixFileMode(file, Private);
            }
        }
    }

    /// <summary>A context from the pool; dispose it.</summary>
    public GatewayDb Create() => _create();

    /// <summary>An open connection for the heartbeat, from a pool that requests never drain; dispose it.</summary>
    public ValueTask<DbConnection> OpenHousekeepingAsync(CancellationToken cancellationToken) => _openHousekeeping(cancellationToken);

    /// <summary>An open connection from the pool, for the hot paths written in SQL; dispose it.</summary>
    public ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => _open(cancellationToken);

    /// <summary>Brings the schema up to date (EF Core migrations, under the provider's migration lock) and turns on WAL for SQLite.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = Create();
        if (!IsPostgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Sets SQLite's per-connection settings once per physical connection (the pool hands the same one out again): WAL makes
    /// <c>synchronous=NORMAL</c> durable across crashes of the process; <c>busy_timeout</c> lets SQLite wait for another
    /// process's write in small steps; and a log that a burst made large is cut back to 64 MiB once it restarts. The log is
    /// checkpointed every 300 pages rather than SQLite's 1000: the checkpoint's fsync stalls the writes behind it, and a smaller
    /// one stalls them for less (at one request at a time, p99 4.0–4.2 ms against 5.2–7.0 ms, with no loss of throughput).
    /// Moving checkpoints to a timer measured worse, since a bigger copy then stalls every queued write at once.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        public static void Apply(DbConnection connection)
        {
            if (((SqliteConnection)connection).Handle is not { } handle || !Configured.TryAdd(handle, handle))
            {
                return;
            }
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=300; PRAGMA journal_size_limit=67108864;";
            command.ExecuteNonQuery();
        }
    }
}

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

    private GatewayStore(Func<GatewayDb> create, bool isPostgres, string description)
    {
        _create = create;
        IsPostgres = isPostgres;
        Description = description;
    }

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
            var pg = new DbContextOptionsBuilder<PostgresGatewayDb>().UseNpgsql(parsed.ConnectionString).Options;
            var pool = new PooledDbContextFactory<PostgresGatewayDb>(pg);
            return new GatewayStore(pool.CreateDbContext, true, $"PostgreSQL {parsed.Host}:{parsed.Port}/{parsed.Database}");
        }
        CreatePrivateDirectory(options.DataDirectory);
        var sqlite = new SqliteConnectionStringBuilder { DataSource = options.SqlitePath, Pooling = true, DefaultTimeout = 30 }.ConnectionString;
        var lite = new DbContextOptionsBuilder<SqliteGatewayDb>().UseSqlite(sqlite).AddInterceptors(SqlitePragmas.Instance).Options;
        var litePool = new PooledDbContextFactory<SqliteGatewayDb>(lite);
        return new GatewayStore(litePool.CreateDbContext, false, "SQLite " + options.SqlitePath);
    }

    /// <summary>Creates the data directory at 0700 when it does not exist; an existing one keeps the mode its owner gave it.</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>A context from the pool; dispose it.</summary>
    public GatewayDb Create() => _create();

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

    /// <summary>Sets SQLite's per-connection settings: WAL makes <c>synchronous=NORMAL</c> durable across crashes of the process.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
        }
    }
}

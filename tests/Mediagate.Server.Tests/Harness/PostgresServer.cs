using System.Diagnostics;
using Npgsql;

namespace Mediagate.Server.Tests.Harness;

/// <summary>
/// A throw-away PostgreSQL 15 cluster: initdb in a temporary directory, started on a free port on 127.0.0.1, stopped and deleted
/// at the end. As root it runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root. Set
/// <c>MEDIAGATE_TEST_POSTGRES</c> to a connection string to use a running server instead.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private string? _directory;
    private string _admin = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("MEDIAGATE_TEST_POSTGRES") is { Length: > 0 } external)
        {
            _admin = external;
            return;
        }
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Bin}/initdb is missing); run scripts/setup.sh --packages-only, which installs it");
        }
        _directory = Path.Combine(Path.GetTempPath(), "mediagate-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(_directory);
        var root = Environment.UserName == "root";
        if (root)
        {
            await RunAsync("chown", "postgres:postgres", _directory);
        }
        var data = Path.Combine(_directory, "data");
        await RunAsUserAsync(root, Path.Combine(Bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        var port = GatewayProcess.FreePort();
        await RunAsUserAsync(root, Path.Combine(Bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "-o",
            $"-p {port} -k {_directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
        _admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>Creates an empty database for one test and gives its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_admin) { Database = name, Pooling = true, MaxPoolSize = 100 }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_directory is null)
        {
            return;
        }
        try
        {
            await RunAsUserAsync(Environment.UserName == "root", Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static Task RunAsUserAsync(bool root, string program, params string[] args) =>
        root ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await error}{await output}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

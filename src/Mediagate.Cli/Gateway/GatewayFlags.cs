using System.CommandLine;
using Mediagate.Server;
using Microsoft.Extensions.Configuration;

namespace Mediagate.Cli.Gateway;

/// <summary>The flags <c>serve</c> and <c>tokens</c> share, so both open the same data directory or database.</summary>
internal sealed class GatewayFlags
{
    public Option<string?> Data { get; } = new("--data") { Description = "The data directory: the SQLite file and the key ring (default MEDIAGATE_DATA_DIR, else ~/.local/share/mediagate)." };

    public Option<string?> Postgres { get; } = new("--postgres") { Description = "A PostgreSQL connection string (default MEDIAGATE_POSTGRES); without it, SQLite in the data directory." };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Postgres);
    }

    /// <summary>The configuration values the flags set; unset flags fall back on the environment inside <see cref="GatewayOptions.From"/>.</summary>
    public Dictionary<string, string?> Settings(ParseResult parse)
    {
        var settings = new Dictionary<string, string?>();
        if (parse.GetValue(Data) is { } data)
        {
            settings[$"{GatewayOptions.Section}:DataDirectory"] = data;
        }
        if (parse.GetValue(Postgres) is { } postgres)
        {
            settings[$"{GatewayOptions.Section}:Postgres"] = postgres;
        }
        return settings;
    }

    public GatewayOptions Options(ParseResult parse, CliHost host) =>
        GatewayOptions.From(new ConfigurationBuilder().AddInMemoryCollection(Settings(parse)).Build(), host.Environment);
}

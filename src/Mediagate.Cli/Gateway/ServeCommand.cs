using System.CommandLine;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Mediagate.Cli.Output;
using Mediagate.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediagate.Cli.Gateway;

/// <summary><c>mediagate serve [--urls URL] [--data DIR] [--postgres CONN] [--public-url URL] [--json]</c>: the useapi.net-compatible gateway.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5100";

    public static Command Create(CliHost host)
    {
        var flags = new GatewayFlags();
        var urls = new Option<string>("--urls") { Description = $"Where to listen, e.g. http://0.0.0.0:8080; several separated by ';' (default {DefaultUrls}).", DefaultValueFactory = _ => DefaultUrls };
        var json = new Option<bool>("--json") { Description = "Print {\"url\", \"store\", \"data\"} once listening, and nothing else on stdout." };
        var publicUrl = new Option<string?>("--public-url")
        {
            Description = "The gateway's address as clients reach it, e.g. https://gateway.example.com: the base of the /v3 media URLs (default Gateway__PublicUrl, else the request's own host).",
        };
        var command = new Command("serve", "Run the gateway: a REST API compatible with useapi.net's HeyGen API v1, pooling HeyGen accounts behind API tokens.") { urls, json, publicUrl };
        flags.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var failure = new Failure(host, parse.GetValue(json));
            WebApplication app;
            GatewayOptions options;
            try
            {
                var builder = WebApplication.CreateBuilder(new WebApplicationOptions
                {
                    Args = [GatewayApp.NoConfigReload],
                    ApplicationName = typeof(GatewayProgram).Assembly.GetName().Name,
                });
                builder.Configuration.AddInMemoryCollection(flags.Settings(parse));
                if (parse.GetValue(publicUrl) is { } address)
                {
                    builder.Configuration.AddInMemoryCollection([new("Gateway:PublicUrl", address)]);
                }
                builder.WebHost.UseUrls(parse.GetValue(urls)!);
                builder.Logging.ClearProviders();
                builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
                builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
                options = builder.AddGateway(host.Environment);
                app = builder.Build();
                app.MapGateway();
            }
            catch (GatewayConfigurationException ex)
            {
                return failure.With(ExitCodes.Usage, ex.Message, "fix the flag or environment variable it names");
            }
            try
            {
                await app.StartAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Failure;
            }
            catch (Exception ex) when (ex is IOException or SocketException || ex.InnerException is SocketException)
            {
                return failure.With(ExitCodes.Failure, $"the gateway could not listen on {parse.GetValue(urls)}: {ex.Message}", "pick another --urls, or stop what holds the port");
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                return failure.With(ExitCodes.Failure, "the gateway's database could not be opened: " + ex.Message,
                    options.Postgres is null ? $"check that {options.DataDirectory} is writable" : "check that PostgreSQL is running and the connection string is right");
            }
            await using (app)
            {
                var listening = string.Join(", ", app.Urls);
                if (parse.GetValue(json))
                {
                    Report.Json(host, new JsonObject { ["url"] = app.Urls.FirstOrDefault(), ["store"] = options.Postgres is null ? "sqlite" : "postgresql", ["data"] = options.DataDirectory });
                }
                else
                {
                    host.Out.WriteLine($"Mediagate gateway listening on {listening}");
                    host.Out.WriteLine($"Store: {(options.Postgres is null ? "SQLite " + options.SqlitePath : "PostgreSQL")}; data directory {options.DataDirectory}");
                    host.Out.WriteLine("Create an API token with: mediagate tokens create --name NAME" + (parse.GetValue(flags.Data) is { } d ? $" --data {d}" : ""));
                    host.Out.WriteLine("Press Ctrl-C to stop.");
                }
                await host.Out.FlushAsync(CancellationToken.None);
                try
                {
                    await app.WaitForShutdownAsync(cancel);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C.
                }
                await app.StopAsync(CancellationToken.None);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

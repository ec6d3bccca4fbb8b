using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mediagate.Cli.Output;

/// <summary>How commands print: errors with their fix, warnings, and JSON for machines.</summary>
internal static class Report
{
    private const string Troubleshooting = "see docs/troubleshooting.md";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Prints an error and its fix to stderr.</summary>
    public static void Error(CliHost host, string message, string? fix = null)
    {
        host.Error.WriteLine($"error: {message}");
        if (fix is not null)
        {
            host.Error.WriteLine($"  fix: {fix}");
        }
        host.Error.WriteLine($"  ({Troubleshooting})");
    }

    /// <summary>Prints a warning to stderr.</summary>
    public static void Warning(CliHost host, string message) => host.Error.WriteLine($"warning: {message}");

    /// <summary>Writes a JSON document to stdout.</summary>
    public static void Json(CliHost host, JsonNode node) => host.Out.WriteLine(node.ToJsonString(JsonOptions));
}

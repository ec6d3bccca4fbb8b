using System.Text.Json.Nodes;

namespace Mediagate.Cli.Output;

/// <summary>Reports a command's failure in its mode: an error with its fix on stderr, or <c>{ok:false, error, hint}</c> with --json.</summary>
internal sealed class Failure(CliHost host, bool json)
{
    public int With(int exitCode, string message, string? fix = null)
    {
        if (json)
        {
            Report.Json(host, new JsonObject { ["ok"] = false, ["error"] = message, ["hint"] = fix });
        }
        else
        {
            Report.Error(host, message, fix);
        }
        return exitCode;
    }
}

using System.Text.Json.Nodes;
using Mediagate.Capabilities;

namespace Mediagate.Cli.Output;

/// <summary>Reports a command's failure in its mode: an error with its fix on stderr, or <c>{ok:false, error, hint}</c> with --json.</summary>
internal sealed class Failure(CliHost host, bool json)
{
    public int With(int exitCode, string message, string? fix = null, ChainDecision? chain = null)
    {
        if (json)
        {
            var answer = new JsonObject { ["ok"] = false, ["error"] = message, ["hint"] = fix };
            if (chain is not null)
            {
                answer["chain"] = Json.Capabilities([chain])[0]!.DeepClone();
            }
            Report.Json(host, answer);
        }
        else
        {
            Report.Error(host, message, fix);
        }
        return exitCode;
    }

    /// <summary>A chain that no provider could serve: exit 1 with the hint its failures point at.</summary>
    public int With(ChainFailedException failure, string? prefix = null) => With(ExitCodes.Failure, prefix + failure.Message, failure.Hint, failure.Decision);

    /// <summary>A credential its provider rejected: exit 1, naming the credential's source and the fix.</summary>
    public int With(CredentialRejectedException rejected) => With(ExitCodes.Failure, rejected.Message, rejected.Fix, rejected.Decision);
}

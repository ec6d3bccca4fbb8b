using System.CommandLine;
using Mediagate.Cli.Output;
using Mediagate.Credentials;

namespace Mediagate.Cli.Auth;

/// <summary><c>mediagate auth logout [--keep-api-key] [--yes]</c>: revoke the OAuth tokens and remove the saved credential.</summary>
internal static class AuthLogoutCommand
{
    public static Command Create(CliHost host)
    {
        var keepApiKey = new Option<bool>("--keep-api-key") { Description = "Remove only the OAuth session and keep the saved API key." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var command = new Command("logout", "Sign out of HeyGen on this machine.") { keepApiKey, yes };
        command.SetAction((parse, cancel) => RunAsync(host, parse.GetValue(keepApiKey), parse.GetValue(yes), cancel));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, bool keepApiKey, bool yes, CancellationToken cancellationToken)
    {
        var auth = new HeyGenAuth(host.Environment, host.Http, host.Time);
        if (auth.ActiveEnvVariable is { } variable)
        {
            Report.Warning(host, host.Environment.DotEnvPathOf(variable) is { } envFile
                ? $"{variable} is set in {envFile}; it stays active after logout. Remove it from that file to sign out fully"
                : $"{variable} is set in the environment; it stays active after logout. Unset it to sign out fully: unset {variable}");
        }
        try
        {
            if (auth.Store.Read() is null)
            {
                host.Out.WriteLine($"Nothing to sign out of: there is no credentials file at {auth.Store.FilePath}.");
                return ExitCodes.Ok;
            }
        }
        catch (CredentialException ex)
        {
            Report.Error(host, ex.Message, ex.Fix);
            return ExitCodes.Failure;
        }
        if (!yes)
        {
            if (!host.InputIsTerminal)
            {
                host.Error.WriteLine("Aborted.");
                host.Error.WriteLine("  (no terminal to confirm on; pass --yes to sign out non-interactively)");
                return ExitCodes.Failure;
            }
            host.Error.Write($"This will sign out of HeyGen on this machine (~/.heygen lives at {auth.Store.DirectoryPath}). Continue? [y/N] ");
            var answer = (await host.In.ReadLineAsync(cancellationToken))?.Trim().ToLowerInvariant();
            if (answer is not ("y" or "yes"))
            {
                host.Error.WriteLine("Aborted.");
                return ExitCodes.Failure;
            }
        }
        var result = await auth.LogoutAsync(keepApiKey, cancellationToken);
        foreach (var note in result.Notes)
        {
            host.Error.WriteLine(note);
        }
        host.Out.WriteLine(result.Action switch
        {
            LogoutAction.Deleted => $"✓ Signed out. Removed {result.FilePath}.",
            LogoutAction.OAuthRemoved => "✓ OAuth session removed. API key retained.",
            LogoutAction.Rewritten => $"✓ Signed out. {result.FilePath} also holds other tools' settings, so it was kept without the HeyGen credentials.",
            _ => $"Nothing to sign out of: there is no credentials file at {result.FilePath}.",
        });
        return ExitCodes.Ok;
    }
}

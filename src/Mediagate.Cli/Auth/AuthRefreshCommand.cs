using System.CommandLine;
using Mediagate.Cli.Output;
using Mediagate.Credentials;
using Mediagate.Credentials.OAuth;

namespace Mediagate.Cli.Auth;

/// <summary><c>mediagate auth refresh</c>: exchange the stored refresh token for a new access token.</summary>
internal static class AuthRefreshCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("refresh", "Refresh the stored OAuth access token.");
        command.SetAction(async (_, cancel) =>
        {
            try
            {
                var tokens = await new HeyGenAuth(host.Environment, host.Http, host.Time).RefreshAsync(cancel);
                var expires = tokens.ExpiresAt is { } at ? $" It expires at {OAuthTokens.FormatTime(at)}." : string.Empty;
                host.Out.WriteLine($"✓ Refreshed OAuth access token.{expires}");
                return ExitCodes.Ok;
            }
            catch (CredentialException ex)
            {
                Report.Error(host, ex.Message, ex.Fix);
                return ExitCodes.Failure;
            }
            catch (Exception ex) when (ex is OAuthException or HttpRequestException)
            {
                Report.Error(host, ex.Message);
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}

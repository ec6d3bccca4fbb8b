using System.CommandLine;

namespace Mediagate.Cli.Auth;

/// <summary><c>mediagate auth</c>: the HeyGen credential shared with the HeyGen and HyperFrames CLIs.</summary>
internal static class AuthCommand
{
    public static Command Create(CliHost host) => new("auth",
        "Manage the HeyGen credential (shared with the HeyGen and HyperFrames CLIs). " +
        "Environment (a project .env fills unset ones): HEYGEN_API_BASE, HEYGEN_ALLOW_HTTP, HEYGEN_ACCESS_TOKEN, HEYGEN_API_KEY, HYPERFRAMES_API_KEY, HEYGEN_API_URL, HEYGEN_CONFIG_DIR, MEDIAGATE_OAUTH_CLIENT_ID, MEDIAGATE_OAUTH_*_URL.")
    {
        AuthLoginCommand.Create(host),
        AuthStatusCommand.Create(host),
        AuthRefreshCommand.Create(host),
        AuthLogoutCommand.Create(host),
    };
}

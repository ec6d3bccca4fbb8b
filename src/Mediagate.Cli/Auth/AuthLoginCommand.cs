using System.CommandLine;
using Mediagate.Cli.Output;
using Mediagate.Credentials;
using Mediagate.Credentials.OAuth;
using Mediagate.Providers.HeyGen;

namespace Mediagate.Cli.Auth;

/// <summary><c>mediagate auth login [--api-key[=KEY]] [--device]</c>: sign in to HeyGen and save the credential in the shared file.</summary>
internal static class AuthLoginCommand
{
    /// <summary>How long to wait for a key piped on stdin.</summary>
    public static readonly TimeSpan StdinTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] RemoteMarkers = ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"];
    private static readonly string[] ContainerMarkers = ["CODESPACES", "GITHUB_CODESPACES", "REMOTE_CONTAINERS", "GITPOD_WORKSPACE_ID", "container"];

    public static Command Create(CliHost host)
    {
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "Save a long-lived API key instead of signing in through the browser. Without a value it is read from stdin or a hidden prompt.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var device = new Option<bool>("--device") { Description = "Sign in with a device code (RFC 8628), for machines without a local browser." };
        var command = new Command("login", "Sign in to HeyGen; the credential is shared with the HeyGen and HyperFrames CLIs.") { apiKey, device };
        command.SetAction((parse, cancel) =>
        {
            var keyGiven = parse.GetResult(apiKey) is not null;
            if (keyGiven && parse.GetValue(device))
            {
                Report.Error(host, "Choose either --device or --api-key, not both.");
                return Task.FromResult(ExitCodes.Usage);
            }
            return keyGiven ? ApiKeyAsync(host, parse.GetValue(apiKey), cancel)
                : parse.GetValue(device) ? DeviceAsync(host, cancel)
                : BrowserAsync(host, cancel);
        });
        return command;
    }

    private static async Task<int> ApiKeyAsync(CliHost host, string? inline, CancellationToken cancellationToken)
    {
        var key = inline ?? await ReadKeyAsync(host, cancellationToken);
        if (key is null)
        {
            return ExitCodes.Usage;
        }
        if (ApiKeyRules.Problem(key) is { } problem)
        {
            Report.Error(host, problem, "pass the key as --api-key=KEY, pipe it on stdin, or paste it at the prompt");
            return ExitCodes.Usage;
        }
        var auth = new HeyGenAuth(host.Environment, host.Http, host.Time);
        ApiKeyLoginResult result;
        try
        {
            result = await auth.LoginWithApiKeyAsync(key, cancellationToken);
        }
        catch (CredentialException ex)
        {
            Report.Error(host, ex.Message, ex.Fix);
            return ExitCodes.Failure;
        }
        switch (result.Outcome)
        {
            case ApiKeyLoginOutcome.Rejected:
                host.Error.WriteLine("HeyGen rejected the API key.");
                host.Error.WriteLine(result.RestoredPrevious ? "Rolled back to the previous credential." : "Removed the rejected credential.");
                return ExitCodes.Failure;
            case ApiKeyLoginOutcome.Unverified:
                host.Out.WriteLine($"✓ API key saved to {auth.Resolver.DisplayPath(result.FilePath)}.");
                Report.Warning(host, $"HeyGen could not verify it right now ({result.Problem}); it was kept. Check later with: mediagate auth status");
                break;
            default:
                host.Out.WriteLine($"✓ API key saved. Authenticated as {result.Account!.DisplayName}.");
                break;
        }
        WarnShadowed(host, result.ShadowedBy);
        return ExitCodes.Ok;
    }

    private static async Task<string?> ReadKeyAsync(CliHost host, CancellationToken cancellationToken)
    {
        if (host.InputIsTerminal)
        {
            return host.ReadSecret("Enter HeyGen API key") ?? string.Empty;
        }
        var read = host.In.ReadToEndAsync(cancellationToken);
        if (await Task.WhenAny(read, Task.Delay(StdinTimeout, host.Time, cancellationToken)) != read)
        {
            Report.Error(host, $"Timed out waiting for stdin ({StdinTimeout.TotalSeconds:0} s).", "pipe the key explicitly: printf %s \"$KEY\" | mediagate auth login --api-key");
            return null;
        }
        return (await read).Trim();
    }

    private static async Task<int> BrowserAsync(CliHost host, CancellationToken cancellationToken)
    {
        var env = host.Environment;
        var noBrowser = env.Get("BROWSER") == "none" || env.IsTruthy("MEDIAGATE_NO_BROWSER") || env.IsTruthy("HF_NO_BROWSER");
        var headless = OperatingSystem.IsLinux() && env.Get("DISPLAY") is null && env.Get("WAYLAND_DISPLAY") is null && !noBrowser;
        if (RemoteMarkers.Any(m => env.Get(m) is not null) || ContainerMarkers.Any(env.IsTruthy) || env.IsTruthy("CI") || !host.OutputIsTerminal || headless)
        {
            Report.Error(host, "Browser callback login is unavailable in this remote/headless terminal.",
                "run `mediagate auth login --device`, or save a key with `mediagate auth login --api-key`");
            return ExitCodes.Failure;
        }
        var auth = new HeyGenAuth(env, host.Http, host.Time);
        return await OAuthLoginAsync(host, auth, () => auth.LoginWithBrowserAsync((authorize, redirect) =>
        {
            host.Error.WriteLine($"Opening browser to {authorize.GetLeftPart(UriPartial.Path)} ...");
            if (noBrowser || !host.OpenBrowser(authorize))
            {
                host.Error.WriteLine("Open this URL manually to continue:");
                host.Error.WriteLine(authorize.AbsoluteUri);
            }
            host.Error.WriteLine($"Waiting for callback on {redirect} ...");
            return Task.CompletedTask;
        }, null, cancellationToken));
    }

    private static async Task<int> DeviceAsync(CliHost host, CancellationToken cancellationToken)
    {
        if (!host.InputIsTerminal || !host.OutputIsTerminal || host.Environment.IsTruthy("CI"))
        {
            Report.Error(host, "--device requires an attended terminal and is disabled in CI.",
                "for unattended machines save a key instead: printf %s \"$HEYGEN_API_KEY\" | mediagate auth login --api-key");
            return ExitCodes.Failure;
        }
        var auth = new HeyGenAuth(host.Environment, host.Http, host.Time);
        return await OAuthLoginAsync(host, auth, () => auth.LoginWithDeviceAsync(authorization =>
        {
            host.Out.WriteLine($"Open {authorization.VerificationUriComplete ?? authorization.VerificationUri} in a browser.");
            if (authorization.VerificationUriComplete is null)
            {
                host.Out.WriteLine($"Enter code {authorization.UserCode}.");
            }
            else
            {
                host.Out.WriteLine($"Check that it shows the code {authorization.UserCode}.");
            }
            host.Out.WriteLine("Waiting for approval…");
        }, cancellationToken));
    }

    private static async Task<int> OAuthLoginAsync(CliHost host, HeyGenAuth auth, Func<Task<OAuthLoginResult>> login)
    {
        try
        {
            var result = await login();
            if (result.Account is { } account)
            {
                host.Out.WriteLine($"✓ Signed in as {account.DisplayName}.");
            }
            else
            {
                host.Out.WriteLine("✓ Signed in.");
                Report.Warning(host, $"Identity check failed (transient): {result.IdentityProblem}");
            }
            WarnShadowed(host, result.ShadowedBy);
            return ExitCodes.Ok;
        }
        catch (OAuthException ex) when (ex.Kind == OAuthErrorKind.NotConfigured)
        {
            Report.Error(host, ex.Message);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is OAuthException or HeyGenApiException or HttpRequestException or CredentialException)
        {
            Report.Error(host, $"Sign-in failed: {ex.Message}", ex is CredentialException c ? c.Fix : null);
            return ExitCodes.Failure;
        }
    }

    private static void WarnShadowed(CliHost host, string? variable)
    {
        if (variable is not null)
        {
            Report.Warning(host, $"{variable} is set in the environment and takes precedence over the saved credential; unset it to use the file: unset {variable}");
        }
    }
}

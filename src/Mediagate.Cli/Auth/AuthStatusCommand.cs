using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Capabilities;
using Mediagate.Cli.Output;
using Mediagate.Credentials;
using Mediagate.Http;

namespace Mediagate.Cli.Auth;

/// <summary><c>mediagate auth status [--json]</c>: which credential is used, whose it is, and which provider serves each capability.</summary>
internal static class AuthStatusCommand
{
    public static Command Create(CliHost host)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("status", "Show the HeyGen credential in use, the account behind it, and the provider for each capability.") { json };
        command.SetAction((parse, cancel) => RunAsync(host, parse.GetValue(json), cancel));
        return command;
    }

    public static async Task<int> RunAsync(CliHost host, bool json, CancellationToken cancellationToken)
    {
        var store = CredentialFileStore.ForEnvironment(host.Environment);
        var resolver = new HeyGenCredentialResolver(host.Environment, store, host.Time);
        CredentialResolution resolution;
        try
        {
            resolution = resolver.Resolve();
        }
        catch (CredentialException ex)
        {
            if (json)
            {
                Report.Json(host, new JsonObject { ["configured"] = false, ["error"] = ex.Message, ["hint"] = ex.Fix });
            }
            else
            {
                Report.Error(host, ex.Message, ex.Fix);
            }
            return ExitCodes.Failure;
        }
        if (resolution.PermissionWarning is { } warning)
        {
            Report.Warning(host, warning);
        }
        if (!resolution.IsConfigured)
        {
            return NotConfigured(host, json, resolution, ChainContext.Over(host, resolution).ExplainAll());
        }
        var report = await new HeyGenAuth(host.Environment, host.Http, host.Time).StatusAsync(resolution, cancellationToken);
        var decisions = ChainContext.Over(host, report.Resolution).ExplainAll();
        if (report.CredentialRejected && report.Resolution.Credential is { } rejected)
        {
            var fix = ChainWording.HeyGenFix(rejected);
            decisions = decisions.Select(d => d.WithRejected("heygen", fix)).ToList();
        }
        if (json)
        {
            Report.Json(host, ConfiguredJson(report, decisions));
        }
        else
        {
            WriteConfigured(host, report, decisions);
        }
        return report.ApiError is null ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static bool Interactive(CliHost host) => host.OutputIsTerminal && !host.Environment.IsTruthy("CI");

    private static int NotConfigured(CliHost host, bool json, CredentialResolution resolution, IReadOnlyList<ChainDecision> decisions)
    {
        var interactive = Interactive(host);
        if (json)
        {
            var engines = decisions.Where(d => d.Capability is Capability.Voice or Capability.Music)
                .Select(d => d.Links.Last())
                .Zip(new[] { "voice", "music" }, (link, capability) => (JsonNode)new JsonObject
                {
                    ["capability"] = capability,
                    ["label"] = link.Label,
                    ["ready"] = link.State != LinkState.Skipped,
                    ["setupHint"] = link.State == LinkState.Skipped ? link.Reason : null,
                });
            Report.Json(host, new JsonObject
            {
                ["configured"] = false,
                ["interactive"] = interactive,
                ["recommended_action"] = "mediagate auth login",
                ["fallback"] = "local",
                ["offline_engines"] = new JsonArray(engines.ToArray()),
                ["base_url"] = resolution.Base?.Display,
                ["base_url_source"] = resolution.Base?.Variable,
                ["sources"] = Json.Sources(resolution.Checks),
                ["capabilities"] = Json.Capabilities(decisions),
            });
            return ExitCodes.Failure;
        }
        var output = host.Out;
        if (interactive)
        {
            output.WriteLine("Not signed in to HeyGen — voice & music will use local engines (free, offline).");
            output.WriteLine("Sign in or sign up (browser OAuth, writes ~/.heygen — no per-repo .env):");
            output.WriteLine("  mediagate auth login");
            output.WriteLine("Or paste an existing HeyGen API key (get one at app.heygen.com/settings/api):");
            output.WriteLine("  mediagate auth login --api-key");
        }
        else
        {
            output.WriteLine("Not signed in to HeyGen (non-interactive).");
            output.WriteLine("Set HEYGEN_API_KEY to use HeyGen, or workflows fall back to local engines.");
        }
        output.WriteLine();
        WriteSources(output, resolution);
        output.WriteLine();
        CapabilityTable.Write(output, decisions);
        return ExitCodes.Failure;
    }

    private static JsonObject ConfiguredJson(AuthStatusReport report, IReadOnlyList<ChainDecision> decisions)
    {
        var credential = report.Resolution.Credential!;
        var json = new JsonObject
        {
            ["configured"] = true,
            ["source"] = credential.Source.ToWire(),
            ["type"] = credential.Type.ToWire(),
            ["user"] = Json.Account(report.Account),
            ["persisted_user"] = Json.PersistedUser(report.Resolution.PersistedUser),
            ["api_error"] = report.ApiError,
            ["source_label"] = credential.SourceLabel,
            ["env_file"] = credential.EnvFile,
            ["base_url"] = report.Resolution.Base?.Display,
            ["base_url_source"] = report.Resolution.Base?.Variable,
        };
        if (report.Account?.Gateway is { } gateway)
        {
            json["gateway"] = GatewayStatus.Json(gateway);
        }
        if (credential.OAuth is { } oauth)
        {
            json["expires_at"] = oauth.ExpiresAt is { } at ? OAuthTokens.FormatTime(at) : null;
            json["refreshable"] = oauth.IsRefreshable;
            json["scope"] = oauth.Scope;
        }
        json["sources"] = Json.Sources(report.Resolution.Checks);
        json["capabilities"] = Json.Capabilities(decisions);
        return json;
    }

    private static void WriteConfigured(CliHost host, AuthStatusReport report, IReadOnlyList<ChainDecision> decisions)
    {
        var output = host.Out;
        var credential = report.Resolution.Credential!;
        Row(output, "Source", credential.SourceLabel);
        Row(output, "Type", credential.Type.ToWire());
        Row(output, credential.Type == CredentialType.OAuth ? "Token" : "Key", SecretScrubber.Mask(credential.Secret));
        if (report.Resolution.Base is { } heygenBase)
        {
            Row(output, "Base URL", $"{heygenBase.Display} ({heygenBase.Reason})");
        }
        if (credential.OAuth is { } oauth)
        {
            var expires = oauth.ExpiresAt is { } at
                ? $"{OAuthTokens.FormatTime(at)} ({(oauth.IsExpired(host.Time.GetUtcNow()) ? "expired" : "valid")})"
                : "no expiry given";
            Row(output, "Expires", oauth.IsRefreshable ? expires + " · refreshable" : expires);
            if (oauth.Scope is { } scope)
            {
                Row(output, "Scope", scope);
            }
        }
        if (report.Refreshed)
        {
            Row(output, "Refreshed", "the OAuth token was refreshed");
        }
        if (report.Account is { } account)
        {
            Row(output, "Account", account.DisplayName);
            Optional(output, "Billing", account.BillingType);
            Optional(output, "Wallet", account.Wallet is { RemainingBalance: { } balance } w ? $"{Number(balance)} {w.Currency}".Trim() : null);
            Optional(output, "Plan", account.Subscription?.Plan);
            Optional(output, "Premium credits", Credits(account.Subscription?.PremiumCredits));
            Optional(output, "Add-on credits", Credits(account.Subscription?.AddOnCredits));
            Optional(output, "Usage", account.Usage is { SpendingCurrentUsd: { } spent } u
                ? $"${Number(spent)}{(u.SpendingCapUsd is { } cap ? $" / ${Number(cap)}" : "")}"
                : null);
            if (account.Gateway is { } gateway)
            {
                GatewayStatus.Write(output, gateway, Row);
            }
        }
        else
        {
            Row(output, "API check failed", report.ApiError ?? "unknown error");
            if (report.Resolution.PersistedUser?.DisplayName is { } cached)
            {
                Row(output, "Account", $"{cached} (cached)");
            }
        }
        output.WriteLine();
        WriteSources(output, report.Resolution);
        output.WriteLine();
        CapabilityTable.Write(output, decisions);
    }

    private static void WriteSources(TextWriter output, CredentialResolution resolution)
    {
        if (resolution.Credential is null && resolution.Base is { } heygenBase)
        {
            output.WriteLine($"HeyGen base URL: {heygenBase.Display} ({heygenBase.Reason})");
        }
        output.WriteLine("HeyGen credential sources (first match wins):");
        foreach (var check in resolution.Checks)
        {
            output.WriteLine($"  {(check.Used ? "✓" : "·")} {check.Name}: {check.Reason}");
        }
    }

    private static string? Credits(Mediagate.Providers.HeyGen.HeyGenCredits? credits) =>
        credits?.Remaining is not { } remaining ? null
            : credits.ResetsAt is { Length: >= 10 } resets ? $"{Number(remaining)} (resets {resets[..10]})" : Number(remaining);

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Row(TextWriter output, string label, string value) =>
        output.WriteLine(label.Length == 0 ? $"{"",-16} {value}" : $"{label + ":",-16} {value}");

    private static void Optional(TextWriter output, string label, string? value)
    {
        if (value is not null)
        {
            Row(output, label, value);
        }
    }
}

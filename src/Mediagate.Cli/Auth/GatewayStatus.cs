using System.Text.Json.Nodes;
using Mediagate.Providers.HeyGen;

namespace Mediagate.Cli.Auth;

/// <summary>How <c>auth status</c> shows a Mediagate gateway behind the HeyGen base: the tenant, its capacity and its pool.</summary>
internal static class GatewayStatus
{
    /// <summary>The rows under the account, aligned with <c>auth status</c>'s other rows.</summary>
    public static void Write(TextWriter output, MediagateGateway gateway, Action<TextWriter, string, string> row)
    {
        var version = gateway.Version is { } v ? $" {v}" : "";
        row(output, "Gateway", $"Mediagate{version} (tenant {gateway.Tenant ?? "unknown"})");
        if (gateway.Capacity is { } capacity)
        {
            row(output, "Capacity", $"{Count(capacity.MaxJobs)} max jobs · {Count(capacity.Running)} running · {Count(capacity.Free)} free");
        }
        if (gateway.Accounts.Count == 0)
        {
            row(output, "Pool", "no HeyGen account yet: add one with POST /v1/heygen/accounts (README: \"Use the gateway from HyperFrames\")");
            return;
        }
        var label = "Pool";
        foreach (var account in gateway.Accounts)
        {
            row(output, label, $"{account.Label ?? account.Id ?? "(unnamed)"} ({Count(account.Running)}/{Count(account.MaxJobs)} running, {account.State ?? "unknown"})");
            label = "";
        }
    }

    /// <summary>The <c>gateway</c> object of <c>auth status --json</c>, in the gateway's own field names.</summary>
    public static JsonObject Json(MediagateGateway gateway) => new()
    {
        ["gateway"] = MediagateGateway.Marker,
        ["version"] = gateway.Version,
        ["tenant"] = gateway.Tenant,
        ["accounts"] = new JsonArray([.. gateway.Accounts.Select(a => (JsonNode)new JsonObject
        {
            ["id"] = a.Id,
            ["label"] = a.Label,
            ["max_jobs"] = a.MaxJobs,
            ["running"] = a.Running,
            ["state"] = a.State,
        })]),
        ["capacity"] = gateway.Capacity is not { } c ? null : new JsonObject
        {
            ["max_jobs"] = c.MaxJobs,
            ["running"] = c.Running,
            ["free"] = c.Free,
        },
    };

    private static string Count(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}

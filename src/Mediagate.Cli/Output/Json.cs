using System.Text.Json.Nodes;
using Mediagate.Capabilities;
using Mediagate.Credentials;
using Mediagate.Providers.HeyGen;

namespace Mediagate.Cli.Output;

/// <summary>The JSON shapes the commands print, built without reflection so that start-up stays fast.</summary>
internal static class Json
{
    public static JsonArray Capabilities(IEnumerable<ChainDecision> decisions) =>
        new(decisions.Select(d => (JsonNode)new JsonObject
        {
            ["capability"] = d.Name,
            ["provider"] = d.Chosen,
            ["candidates"] = new JsonArray(d.Links.Select(l => (JsonNode)new JsonObject
            {
                ["provider"] = l.Provider,
                ["label"] = l.Label,
                ["state"] = l.State.ToString().ToLowerInvariant(),
                ["reason"] = l.Reason,
            }).ToArray()),
        }).ToArray());

    public static JsonArray Sources(IEnumerable<SourceCheck> checks) =>
        new(checks.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["used"] = c.Used, ["reason"] = c.Reason }).ToArray());

    public static JsonObject? PersistedUser(StoredUser? user) => user is null ? null : new JsonObject
    {
        ["email"] = user.Email,
        ["first_name"] = user.FirstName,
        ["last_name"] = user.LastName,
        ["username"] = user.Username,
        ["display_name"] = user.DisplayName,
    };

    public static JsonObject? Account(HeyGenAccount? account) => account is null ? null : new JsonObject
    {
        ["email"] = account.Email,
        ["username"] = account.Username,
        ["first_name"] = account.FirstName,
        ["last_name"] = account.LastName,
        ["display_name"] = account.DisplayName,
        ["billing_type"] = account.BillingType,
        ["wallet"] = account.Wallet is not { } w ? null : new JsonObject
        {
            ["currency"] = w.Currency,
            ["remaining_balance"] = w.RemainingBalance,
            ["auto_reload"] = w.AutoReload,
        },
        ["subscription"] = account.Subscription is not { } s ? null : new JsonObject
        {
            ["plan"] = s.Plan,
            ["premium_credits"] = Credits(s.PremiumCredits),
            ["add_on_credits"] = Credits(s.AddOnCredits),
        },
        ["usage_based"] = account.Usage is not { } u ? null : new JsonObject
        {
            ["spending_current_usd"] = u.SpendingCurrentUsd,
            ["spending_cap_usd"] = u.SpendingCapUsd,
        },
    };

    private static JsonObject? Credits(HeyGenCredits? credits) =>
        credits is null ? null : new JsonObject { ["remaining"] = credits.Remaining, ["resets_at"] = credits.ResetsAt };
}

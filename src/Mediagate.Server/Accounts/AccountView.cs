using System.Text.Json.Nodes;
using Mediagate.Server.Storage;

namespace Mediagate.Server.Accounts;

/// <summary>An account as the API shows it: the useapi.net shape, every secret replaced by <c>…secured…</c>.</summary>
internal static class AccountView
{
    public const string Secured = "…secured…";

    public static JsonObject ToJson(AccountRow account)
    {
        var view = new JsonObject { ["email"] = account.Email };
        if (account.Kind == AccountKinds.Web)
        {
            var session = account.Session is { } json ? JsonNode.Parse(json) as JsonObject : null;
            view["session"] = new JsonObject
            {
                ["heygen_session"] = Secured,
                ["ExpireTime"] = session?["ExpireTime"]?.DeepClone(),
                ["ExpireTimeUTC"] = session?["ExpireTimeUTC"]?.DeepClone(),
                ["access_token"] = Secured,
                ["session_token"] = Secured,
                ["space_id"] = session?["space_id"]?.DeepClone(),
                ["token"] = Secured,
                ["username"] = session?["username"]?.DeepClone(),
                ["ack_agreement"] = session?["ack_agreement"]?.DeepClone(),
                ["internal"] = session?["internal"]?.DeepClone(),
                ["need_mfa"] = session?["need_mfa"]?.DeepClone(),
            };
            view["maxJobs"] = account.MaxJobs;
            view["password"] = Secured;
        }
        else
        {
            view["apiKey"] = Secured;
            view["maxJobs"] = account.MaxJobs;
        }
        if (account.Error is { } error)
        {
            view["error"] = error;
        }
        return view;
    }
}

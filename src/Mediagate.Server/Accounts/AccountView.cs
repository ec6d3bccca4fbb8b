using System.Text.Json;
using System.Text.Json.Serialization;
using Mediagate.Server.Storage;

namespace Mediagate.Server.Accounts;

/// <summary>An account as the API shows it: the useapi.net shape, every secret replaced by <c>…secured…</c>.</summary>
/// <param name="Email">The HeyGen login email, which is also the account's key.</param>
/// <param name="Session">The web session (web accounts).</param>
/// <param name="ApiKey"><c>…secured…</c> (API-key accounts).</param>
/// <param name="MaxJobs">At most this many concurrent jobs: 1 to 10.</param>
/// <param name="Password"><c>…secured…</c> (web accounts).</param>
/// <param name="Error">Why the account is out of service, until it is added again.</param>
internal sealed record AccountView(
    string Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AccountSession? Session,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApiKey,
    int MaxJobs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Password,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    public const string Secured = "…secured…";

    public static AccountView Of(AccountRow account) => account.Kind == AccountKinds.Web
        ? new(account.Email, AccountSession.Of(account.Session), null, account.MaxJobs, Secured, account.Error)
        : new(account.Email, null, Secured, account.MaxJobs, null, account.Error);
}

/// <summary>A web account's HeyGen session as useapi.net shows it: the tokens <c>…secured…</c>, the rest as HeyGen gave it.</summary>
#pragma warning disable IDE1006 // The names are the wire names.
internal sealed record AccountSession(
    string heygen_session,
    [property: JsonPropertyName("ExpireTime")] long? ExpireTime,
    [property: JsonPropertyName("ExpireTimeUTC")] string? ExpireTimeUTC,
    string access_token,
    string session_token,
    string? space_id,
    string token,
    string? username,
    bool? ack_agreement,
    bool? @internal,
    bool? need_mfa)
#pragma warning restore IDE1006
{
    /// <summary>The view of the public part of a session as the accounts table keeps it (JSON, or null).</summary>
    public static AccountSession Of(string? stored)
    {
        var session = stored is null ? null : JsonSerializer.Deserialize<Stored>(stored, GatewayJson.Options);
        return new(AccountView.Secured, session?.ExpireTime, session?.ExpireTimeUTC, AccountView.Secured, AccountView.Secured, session?.space_id,
            AccountView.Secured, session?.username, session?.ack_agreement, session?.@internal, session?.need_mfa);
    }

    /// <summary>The public part of a session, as <see cref="AccountStore"/> keeps it.</summary>
#pragma warning disable IDE1006
    private sealed record Stored(
        [property: JsonPropertyName("ExpireTime")] long? ExpireTime,
        [property: JsonPropertyName("ExpireTimeUTC")] string? ExpireTimeUTC,
        string? space_id,
        string? username,
        bool? ack_agreement,
        bool? @internal,
        bool? need_mfa);
#pragma warning restore IDE1006
}

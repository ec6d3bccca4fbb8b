using System.Reflection;
using Mediagate.Server.Accounts;
using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// <c>GET /v3/users/me</c>: HeyGen's user shape for the caller's tenant, plus <c>data.mediagate</c>, the tenant's accounts and free
/// capacity; <c>data.mediagate.gateway == "mediagate"</c> tells a client it talks to a Mediagate gateway. No upstream call is made.
/// </summary>
internal static class UsersMeRoute
{
    /// <summary>The gateway's version, as <c>mediagate --version</c> prints it (without the commit).</summary>
    /// <remarks>The version is the CLI's (<c>mediagate serve</c> is the entry assembly); hosted otherwise, the server assembly's.</remarks>
    public static string Version { get; } =
        ((Assembly.GetEntryAssembly() is { } entry && entry.GetName().Name == "mediagate" ? entry : typeof(UsersMeRoute).Assembly)
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    public static async Task<IResult> GetAsync(HttpContext http, AccountStore accounts, TimeProvider time)
    {
        var caller = http.Caller();
        var rows = await accounts.ListAsync(caller.TenantId, http.RequestAborted);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var views = rows.Select(a => new GatewayAccount(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Label(a.Email), a.MaxJobs, a.Running, StateOf(a, now))).ToArray();
        var total = views.Where(a => a.state != "failed").Sum(a => a.max_jobs);
        var running = views.Sum(a => a.running);
        var capacity = new GatewayCapacity(total, running, Math.Max(0, views.Where(a => a.state != "failed").Sum(a => a.max_jobs - a.running)));
        var data = new GatewayUser(caller.Name, caller.Name, caller.Name, "", "gateway",
            new GatewayInfo("mediagate", Version, caller.Name, views, capacity));
        return TypedResults.Json(new GatewayUserAnswer(data));
    }

    /// <summary>An email as people recognise it without giving it away: the first letter of the name, the domain (<c>a***@example.com</c>).</summary>
    public static string Label(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? (email.Length <= 1 ? email : email[..1] + "***") : email[..1] + "***" + email[at..];
    }

    private static string StateOf(AccountRow account, long now) =>
        account.Error is not null ? "failed"
        : account.Kind == AccountKinds.Web && account.SessionExpiresAt is { } expires && expires <= now ? "renewing"
        : "ready";
}

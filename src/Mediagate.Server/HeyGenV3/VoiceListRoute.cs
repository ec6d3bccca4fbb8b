using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mediagate.Server.Accounts;
using Mediagate.Server.Api;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// <c>GET /v3/voices</c>: the public catalogue from any pooled account, paged by HeyGen; with <c>type=private</c>, the clones of
/// every account of the tenant, gathered and paged by the gateway (<c>limit</c>, <c>token</c>, top-level <c>has_more</c> and
/// <c>next_token</c>). Other tenants' clones, and on an account another tenant also pools any private voice not
/// recorded for the caller, are left out of both (<see cref="VoiceAccess"/>).
/// </summary>
internal static class VoiceListRoute
{
    private const int MaxPagesPerAccount = 50;

    public static async Task<IResult> ListAsync(HttpContext http, V3Calls calls, V3Upstream upstream, VoiceAccess access, AccountStore accounts, MediaLinks links)
    {
        var query = http.Request.Query;
        var tenant = http.Caller().TenantId;
        if (query["type"].ToString() != "private")
        {
            var path = "v3/voices" + (http.Request.QueryString.Value ?? "");
            return await calls.RunAsync(http, "v3-voices", new JsonObject { ["query"] = http.Request.QueryString.Value ?? "" }, null, null, async (account, credential, ct) =>
            {
                var answer = await upstream.SendAsync(credential, HttpMethod.Get, path, null, ct);
                if (answer["data"] is JsonArray data)
                {
                    await access.FilterAsync(data, tenant, account, ct);
                }
                links.Rewrite(answer, http.Request);
                var json = answer.ToJsonString(GatewayJson.Options);
                return (Results.Text(json, "application/json"), json, (double?)null);
            });
        }
        var limit = 50;
        if (query["limit"].ToString() is { Length: > 0 } text && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            throw ApiException.BadRequest("limit must be a whole number from 1 to 100");
        }
        var offset = 0;
        if (query["token"].ToString() is { Length: > 0 } token && Decode(token) is not { } decoded)
        {
            throw ApiException.BadRequest("token is not a next_token this gateway issued");
        }
        else if (query["token"].ToString() is { Length: > 0 } given)
        {
            offset = Decode(given)!.Value;
        }
        var all = new List<JsonObject>();
        var engine = query["engine"].ToString();
        var usable = (await accounts.ListAsync(tenant, http.RequestAborted)).Where(a => a.Error is null).ToList();
        if (usable.Count == 0)
        {
            throw new ApiException(StatusCodes.Status424FailedDependency, V3Calls.NoAccount);
        }
        foreach (var account in usable)
        {
            all.AddRange(await calls.RunAsync(http, "v3-voices", new JsonObject { ["type"] = "private", ["account"] = account.Email }, account.Email, null,
                async (pooled, credential, ct) =>
                {
                    var voices = await access.VisibleAsync(await PrivateVoicesAsync(upstream, credential, engine, ct), tenant, pooled, ct);
                    return (voices, $"{{\"voices\":{voices.Count}}}", (double?)null);
                }));
        }
        var mine = all.DistinctBy(VoiceId).ToList();
        var page = mine.Skip(offset).Take(limit).ToList();
        var more = offset + page.Count < mine.Count;
        var body = new JsonObject
        {
            ["data"] = new JsonArray([.. page]),
            ["has_more"] = more,
            ["next_token"] = more ? Encode(offset + page.Count) : null,
        };
        links.Rewrite(body, http.Request);
        return Results.Text(body.ToJsonString(GatewayJson.Options), "application/json");
    }

    private static async Task<List<JsonObject>> PrivateVoicesAsync(V3Upstream upstream, Mediagate.Credentials.HeyGenCredential credential, string engine, CancellationToken cancellationToken)
    {
        var voices = new List<JsonObject>();
        string? next = null;
        for (var page = 0; page < MaxPagesPerAccount; page++)
        {
            var path = "v3/voices?type=private&limit=100" + (engine.Length > 0 ? "&engine=" + Uri.EscapeDataString(engine) : "") + (next is null ? "" : "&token=" + Uri.EscapeDataString(next));
            var answer = await upstream.SendAsync(credential, HttpMethod.Get, path, null, cancellationToken);
            if (answer["data"] is JsonArray data)
            {
                voices.AddRange(data.OfType<JsonObject>().Select(v => v.DeepClone().AsObject()));
            }
            next = answer["has_more"] is JsonValue more && more.TryGetValue<bool>(out var hasMore) && hasMore && answer["next_token"] is JsonValue token && token.TryGetValue<string>(out var t) ? t : null;
            if (next is null)
            {
                break;
            }
        }
        return voices;
    }

    private static string? VoiceId(JsonObject voice) => voice["voice_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    private static string Encode(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("mediagate:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static int? Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("mediagate:", StringComparison.Ordinal) && int.TryParse(text[10..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

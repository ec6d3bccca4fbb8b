using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary><c>GET /v3/audio/sounds</c>: HeyGen's music and sound-effect search through the pool, every <c>audio_url</c> the gateway's own.</summary>
internal static class SoundsRoute
{
    public static Task<IResult> SearchAsync(HttpContext http, V3Calls calls, V3Upstream upstream, MediaLinks links)
    {
        // The query goes upstream as the client wrote it (query, type, limit, min_score), so HeyGen's own checks answer.
        var query = http.Request.QueryString.Value ?? "";
        var request = new System.Text.Json.Nodes.JsonObject { ["query"] = query };
        return calls.RunAsync(http, "v3-sounds", request, null, null, async (_, credential, ct) =>
        {
            var answer = await upstream.SendAsync(credential, HttpMethod.Get, "v3/audio/sounds" + query, null, ct);
            links.Rewrite(answer, http.Request);
            var json = answer.ToJsonString(GatewayJson.Options);
            return (Results.Text(json, "application/json"), json, (double?)null);
        });
    }
}

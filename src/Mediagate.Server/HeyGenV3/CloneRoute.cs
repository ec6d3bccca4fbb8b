using System.Text.Json.Nodes;
using Mediagate.Server.Api;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary><c>POST /v3/voices/clone</c>: a clone made on a pooled account and recorded as the tenant's, on that account.</summary>
internal static class CloneRoute
{
    /// <summary>The largest clone request accepted: a sample of a few minutes, base64-encoded.</summary>
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    private const string Shape = "{voice_name, audio: {type: \"base64\", media_type, data}}";

    public static async Task<IResult> CloneAsync(HttpContext http, GatewayOptions options, V3Calls calls, V3Upstream upstream, CloneStore clones)
    {
        var body = await V3Body.ReadAsync(http.Request, options, Shape, MaxBodyBytes);
        var name = V3Body.Text(body, "voice_name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw ApiException.BadRequest("voice_name is required");
        }
        var audio = body["audio"] as JsonObject;
        // The job records what was asked, not the sample itself.
        var record = new JsonObject
        {
            ["voice_name"] = name,
            ["media_type"] = audio is null ? null : V3Body.Text(audio, "media_type"),
            ["base64_characters"] = audio is null ? 0 : V3Body.Text(audio, "data")?.Length ?? 0,
        };
        var tenant = http.Caller().TenantId;
        return await calls.RunAsync(http, "v3-clone", record, null, null, async (account, credential, ct) =>
        {
            var answer = await upstream.SendAsync(credential, HttpMethod.Post, "v3/voices/clone", body, ct);
            if ((answer["data"] as JsonObject ?? answer)["voice_clone_id"] is JsonValue id && id.TryGetValue<string>(out var cloneId))
            {
                // Recorded whatever happens to the caller's connection: an unrecorded clone would be no one's.
                await clones.AddAsync(tenant, account.Id, cloneId, name, CancellationToken.None);
            }
            var json = answer.ToJsonString(GatewayJson.Options);
            return (Results.Text(json, "application/json"), json, (double?)null);
        });
    }
}

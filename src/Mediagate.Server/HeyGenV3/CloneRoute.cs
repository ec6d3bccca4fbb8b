using System.Text.Json.Nodes;
using Mediagate.Server.Api;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary><c>POST /v3/voices/clone</c>: a clone made on a pooled account and recorded as the tenant's, on that account.</summary>
/// <remarks>
/// A clone body is up to <see cref="CloneSample.MaxBodyBytes"/>, so a turn (<see cref="LargeBodies"/>) is taken before it is
/// read, and the sample is kept decoded, not as a parsed document, while the call waits for a slot.
/// </remarks>
internal static class CloneRoute
{
    public static async Task<IResult> CloneAsync(HttpContext http, GatewayOptions options, V3Calls calls, V3Upstream upstream, CloneStore clones, LargeBodies large)
    {
        var tenant = http.Caller().TenantId;
        using var turn = large.TryEnter(tenant) ?? throw new ApiException(StatusCodes.Status429TooManyRequests,
            "the gateway is already receiving as many voice samples as it takes at once, for this tenant or in all (Gateway__LargeBodiesPerTenant, Gateway__LargeBodies); send this one when another has finished");
        var sample = await CloneSample.ReadAsync(http.Request, options);
        var name = V3Body.Text(sample.Members, "voice_name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw ApiException.BadRequest("voice_name is required");
        }
        var audio = sample.Members["audio"] as JsonObject;
        // The job records what was asked, not the sample itself.
        var record = new JsonObject
        {
            ["voice_name"] = name,
            ["media_type"] = audio is null ? null : V3Body.Text(audio, "media_type"),
            ["audio_bytes"] = sample.Audio?.Length ?? 0,
        };
        return await calls.RunAsync(http, "v3-clone", record, null, null, async (account, credential, ct) =>
        {
            var answer = await upstream.SendContentAsync(credential, HttpMethod.Post, "v3/voices/clone", sample.ToContent, ct);
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

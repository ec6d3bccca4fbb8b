using System.Text.Json.Nodes;
using Mediagate.Server.Api;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary><c>GET /v3/voices/{id}</c> and <c>DELETE /v3/voices/{id}</c>: a clone goes to the account it lives on; another tenant's clone is not found, exactly as an unknown id.</summary>
internal static class VoiceRoutes
{
    public static async Task<IResult> GetAsync(string id, HttpContext http, V3Calls calls, V3Upstream upstream, CloneStore clones, VoiceAccess access, MediaLinks links)
    {
        var owner = await OwnerAsync(id, http, clones);
        return await calls.RunAsync(http, "v3-voice", new JsonObject { ["voice_id"] = id }, owner.Email, null, async (account, credential, ct) =>
        {
            if (owner.Foreign)
            {
                throw VoiceAccess.UnknownVoice();
            }
            var answer = await upstream.SendAsync(credential, HttpMethod.Get, "v3/voices/" + Uri.EscapeDataString(id), null, ct);
            if (!owner.Mine && !access.MayShow(answer["data"] as JsonObject ?? answer, owner, await access.SharedAsync(account, ct)))
            {
                throw VoiceAccess.UnknownVoice();
            }
            links.Rewrite(answer, http.Request);
            var json = answer.ToJsonString(GatewayJson.Options);
            return (Results.Text(json, "application/json"), json, (double?)null);
        });
    }

    public static async Task<IResult> DeleteAsync(string id, HttpContext http, V3Calls calls, V3Upstream upstream, CloneStore clones, VoiceAccess access)
    {
        var owner = await OwnerAsync(id, http, clones);
        var result = await calls.RunAsync(http, "v3-delete", new JsonObject { ["voice_id"] = id }, owner.Email, null, async (account, credential, ct) =>
        {
            await access.CheckAsync(owner, id, account, credential, VoiceAccess.UnknownVoice, ct);
            await upstream.SendAsync(credential, HttpMethod.Delete, "v3/voices/" + Uri.EscapeDataString(id), null, ct);
            return (Results.NoContent(), "{}", (double?)null);
        });
        if (owner.Mine)
        {
            await clones.RemoveAsync(id, CancellationToken.None);
        }
        return result;
    }

    /// <summary>The clone's owner as this tenant sees it; 404 for one whose account is gone (another tenant's is refused inside the job, as an unknown id is).</summary>
    private static async Task<CloneOwner> OwnerAsync(string id, HttpContext http, CloneStore clones)
    {
        var owner = await clones.OwnerAsync(http.Caller().TenantId, id, http.RequestAborted);
        return owner is { Mine: true, Email: null } ? throw new ApiException(StatusCodes.Status404NotFound, $"voice {id} was cloned on an account that has since been removed from the gateway")
            : owner;
    }
}

using System.Text.Json.Nodes;
using Mediagate.Server.Api;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary><c>GET /v3/voices/{id}</c> and <c>DELETE /v3/voices/{id}</c>: a clone goes to the account it lives on; another tenant's clone is not found.</summary>
internal static class VoiceRoutes
{
    public static async Task<IResult> GetAsync(string id, HttpContext http, V3Calls calls, V3Upstream upstream, CloneStore clones, MediaLinks links)
    {
        var owner = await OwnerAsync(id, http, clones);
        return await calls.RunAsync(http, "v3-voice", new JsonObject { ["voice_id"] = id }, owner.Email, null, async (_, credential, ct) =>
        {
            var answer = await upstream.SendAsync(credential, HttpMethod.Get, "v3/voices/" + Uri.EscapeDataString(id), null, ct);
            links.Rewrite(answer, http.Request);
            var json = answer.ToJsonString(GatewayJson.Options);
            return (Results.Text(json, "application/json"), json, (double?)null);
        });
    }

    public static async Task<IResult> DeleteAsync(string id, HttpContext http, V3Calls calls, V3Upstream upstream, CloneStore clones)
    {
        var owner = await OwnerAsync(id, http, clones);
        var result = await calls.RunAsync(http, "v3-delete", new JsonObject { ["voice_id"] = id }, owner.Email, null, async (_, credential, ct) =>
        {
            await upstream.SendAsync(credential, HttpMethod.Delete, "v3/voices/" + Uri.EscapeDataString(id), null, ct);
            return (Results.NoContent(), "{}", (double?)null);
        });
        if (owner.Mine)
        {
            await clones.RemoveAsync(id, CancellationToken.None);
        }
        return result;
    }

    /// <summary>The clone's owner as this tenant sees it; 404 in HeyGen's words for another tenant's clone, or one whose account is gone.</summary>
    private static async Task<CloneOwner> OwnerAsync(string id, HttpContext http, CloneStore clones)
    {
        var owner = await clones.OwnerAsync(http.Caller().TenantId, id, http.RequestAborted);
        return owner.Foreign ? throw new ApiException(StatusCodes.Status404NotFound, "Voice not found")
            : owner is { Mine: true, Email: null } ? throw new ApiException(StatusCodes.Status404NotFound, $"voice {id} was cloned on an account that has since been removed from the gateway")
            : owner;
    }
}

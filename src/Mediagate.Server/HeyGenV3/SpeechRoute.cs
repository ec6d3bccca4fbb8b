using System.Text.Json.Nodes;
using Mediagate.Server.Api;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary><c>POST /v3/voices/speech</c>: HeyGen's speech through the pool, its <c>audio_url</c> turned into the gateway's own.</summary>
internal static class SpeechRoute
{
    private const string Shape = "{text, voice_id, speed?, language?}";

    public static async Task<IResult> SpeakAsync(HttpContext http, GatewayOptions options, V3Calls calls, V3Upstream upstream, CloneStore clones, VoiceAccess access, MediaLinks links)
    {
        var body = await V3Body.ReadAsync(http.Request, options, Shape);
        if (V3Body.Text(body, "text") is not { } text || string.IsNullOrWhiteSpace(text))
        {
            throw ApiException.BadRequest("text is required: the words to speak, at most 5000 characters");
        }
        if (V3Body.Text(body, "voice_id") is not { Length: > 0 } voiceId)
        {
            throw ApiException.BadRequest("voice_id is required; list the voices with GET /v3/voices?engine=starfish");
        }
        // A clone lives on one account: its speech runs there. Another tenant's clone does not exist for this caller: it is refused
        // inside the job, as HeyGen refuses an id it does not know, so the two answers cannot be told apart.
        var owner = await clones.OwnerAsync(http.Caller().TenantId, voiceId, http.RequestAborted);
        if (owner is { Mine: true, Email: null })
        {
            throw ApiException.BadRequest($"voice_id '{voiceId}' is a clone on an account since removed from the gateway; add that account again, or clone the voice anew");
        }
        return await calls.RunAsync(http, "v3-speech", body, owner.Email, text.Length, async (account, credential, ct) =>
        {
            await access.CheckAsync(owner, voiceId, account, credential, () => VoiceAccess.UnknownSpeechVoice(voiceId), ct);
            var answer = await upstream.SendAsync(credential, HttpMethod.Post, "v3/voices/speech", body, ct);
            var data = answer["data"] as JsonObject ?? answer;
            if (links.Rewrite(answer, http.Request) == 0 || data["audio_url"] is null)
            {
                throw new Mediagate.Http.ProviderException("HeyGen", Mediagate.Http.ProviderFailure.BadResponse, "HeyGen: the speech answer has no data.audio_url");
            }
            var json = answer.ToJsonString(GatewayJson.Options);
            return (Results.Text(json, "application/json"), json, Seconds(data));
        });
    }

    /// <summary>The clip's length: HeyGen's <c>duration</c>, else the end of its last word.</summary>
    private static double? Seconds(JsonObject data)
    {
        if (data["duration"] is JsonValue duration && duration.TryGetValue<double>(out var seconds))
        {
            return seconds;
        }
        return data["word_timestamps"] is JsonArray { Count: > 0 } words && words[^1]?["end"] is JsonValue end && end.TryGetValue<double>(out var last) ? last : null;
    }
}

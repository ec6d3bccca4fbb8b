using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Http;
using Mediagate.Mock.Faults;
using Mediagate.Mock.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Mock.HeyGen;

/// <summary>
/// HeyGen's voices: <c>GET /v3/voices</c> (public catalogue and private clones, paged by <c>limit</c> and <c>token</c> with
/// top-level <c>has_more</c>/<c>next_token</c>), <c>POST /v3/voices/clone</c>, <c>GET</c> and <c>DELETE /v3/voices/{id}</c>.
/// </summary>
internal static class HeyGenVoiceRoutes
{
    private static readonly string[] Variants = ["en-us+f3", "en-us+m2", "en-gb+f4", "en-us+m4", "en-gb+m2", "en-us+f1"];

    public static IEndpointRouteBuilder MapHeyGenVoices(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v3/voices", List);
        app.MapPost("/v3/voices/clone", CloneAsync);
        app.MapGet("/v3/voices/{voiceId}", (string voiceId, HttpRequest request, MockState state) =>
            HeyGenIdentityRoutes.Authenticate(request, state) is null ? Unauthorized()
            : Describe(state, voiceId) is { } voice ? HeyGenMediaRoutes.Data(state, voice)
            : MockRequests.Error(ErrorBodies.HeyGen("not_found", "Voice not found"), 404));
        app.MapDelete("/v3/voices/{voiceId}", (string voiceId, HttpRequest request, MockState state) =>
            HeyGenIdentityRoutes.Authenticate(request, state) is null ? Unauthorized()
            : state.VoiceClones.TryRemove(voiceId, out _) ? Results.NoContent()
            : HeyGenCatalog.Voice(voiceId) is not null ? MockRequests.Error(ErrorBodies.HeyGen("forbidden", "Public voices cannot be deleted"), 403)
            : MockRequests.Error(ErrorBodies.HeyGen("not_found", "Voice not found"), 404));
        return app;
    }

    /// <summary>The eSpeak voice and language code for a voice id: a catalogue voice, or a complete clone.</summary>
    public static (string ESpeak, string Language)? Speaker(MockState state, string voiceId) =>
        HeyGenCatalog.Voice(voiceId) is { } voice ? (voice.ESpeakVoice, voice.Language)
        : state.VoiceClones.TryGetValue(voiceId, out var clone) && clone.FailureMessage is null ? (clone.ESpeakVoice, "en")
        : null;

    private static IResult List(HttpRequest request, MockState state)
    {
        if (HeyGenIdentityRoutes.Authenticate(request, state) is null)
        {
            return Unauthorized();
        }
        var limit = 50;
        if (request.Query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            return Invalid("limit must be a whole number from 1 to 100");
        }
        var offset = 0;
        if (request.Query["token"].ToString() is { Length: > 0 } token
            && (!int.TryParse(Decode(token), NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
        {
            return Invalid("token is not a next_token this server issued");
        }
        var type = request.Query["type"].ToString();
        var engine = request.Query["engine"].ToString();
        var all = new List<JsonObject>();
        if (engine is "" or "starfish")
        {
            if (type is "" or "public")
            {
                all.AddRange(HeyGenCatalog.Voices.Select(v => Describe(state, v.VoiceId)!));
            }
            if (type is "" or "private")
            {
                all.AddRange(state.VoiceClones.Values.OrderBy(c => c.CreatedAt).ThenBy(c => c.VoiceId, StringComparer.Ordinal).Select(c => Describe(state, c.VoiceId)!));
            }
        }
        var page = all.Skip(offset).Take(limit).ToList();
        var more = offset + page.Count < all.Count;
        return HeyGenMediaRoutes.Data(state, new JsonArray([.. page]), new JsonObject
        {
            ["has_more"] = more,
            ["next_token"] = more ? Encode((offset + page.Count).ToString(CultureInfo.InvariantCulture)) : null,
        });
    }

    private static async Task<IResult> CloneAsync(HttpRequest request, MockState state)
    {
        if (HeyGenIdentityRoutes.Authenticate(request, state) is null)
        {
            return Unauthorized();
        }
        var body = await MockRequests.JsonBodyAsync(request);
        var name = body is null ? null : JsonFields.Text(body, "voice_name");
        if (string.IsNullOrWhiteSpace(name))
        {
            return Invalid("voice_name is required");
        }
        if (body!["audio"] is not JsonObject audio || JsonFields.Text(audio, "type") != "base64" || JsonFields.Text(audio, "data") is not { } data)
        {
            return Invalid("audio must be {type: \"base64\", media_type, data}");
        }
        if (JsonFields.Text(audio, "media_type") is not ("audio/mpeg" or "audio/mp3" or "audio/wav" or "audio/x-wav"))
        {
            return Invalid("audio.media_type must be audio/mpeg or audio/wav");
        }
        string? failure = null;
        try
        {
            var samples = AudioDecode.ToMono(Convert.FromBase64String(data), 16000);
            if (samples.Length < 16000)
            {
                failure = "The sample is shorter than one second of audio.";
            }
        }
        catch (Exception ex) when (ex is FormatException or WavFormatException)
        {
            failure = "The sample could not be decoded as MP3 or WAV audio.";
        }
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var variant = Variants[(uint)Mediagate.Text.StableHash.Of(name) % Variants.Length];
        state.VoiceClones[id] = new VoiceClone(id, name, state.Time.GetUtcNow(), variant, failure);
        return HeyGenMediaRoutes.Data(state, new JsonObject { ["voice_clone_id"] = id });
    }

    /// <summary>One voice as the list and <c>GET /v3/voices/{id}</c> give it; a clone carries its status.</summary>
    private static JsonObject? Describe(MockState state, string voiceId)
    {
        if (HeyGenCatalog.Voice(voiceId) is { } voice)
        {
            return new JsonObject
            {
                ["voice_id"] = voice.VoiceId,
                ["name"] = voice.Name,
                ["language"] = HeyGenCatalog.LanguageName(voice.Language),
                ["gender"] = voice.Gender,
                ["engine"] = "starfish",
                ["type"] = "public",
            };
        }
        if (!state.VoiceClones.TryGetValue(voiceId, out var clone))
        {
            return null;
        }
        return new JsonObject
        {
            ["voice_id"] = clone.VoiceId,
            ["voice_clone_id"] = clone.VoiceId,
            ["name"] = clone.Name,
            ["language"] = "English",
            ["gender"] = "unknown",
            ["engine"] = "starfish",
            ["type"] = "private",
            ["status"] = clone.Status,
            ["failure_message"] = clone.FailureMessage,
            ["created_at"] = clone.CreatedAt.ToUnixTimeSeconds(),
        };
    }

    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes("voices:" + text));

    private static string? Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("voices:", StringComparison.Ordinal) ? text[7..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IResult Unauthorized() => MockRequests.Error(ErrorBodies.For("/v3", 401), 401);

    private static IResult Invalid(string message) =>
        MockRequests.Error(ErrorBodies.HeyGen("invalid_parameter", System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(message)), 400);
}

using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Http;
using Mediagate.Local.Sfx;
using Mediagate.Local.Voice;
using Mediagate.Mock.Faults;
using Mediagate.Mock.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Mock.HeyGen;

/// <summary>HeyGen's speech, voice list and sound library, plus the presigned-style downloads under <c>/files/</c>.</summary>
internal static class HeyGenMediaRoutes
{
    public static IEndpointRouteBuilder MapHeyGenMedia(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v3/voices/speech", SpeechAsync);
        app.MapGet("/v3/voices", Voices);
        app.MapGet("/v3/audio/sounds", Sounds);
        app.MapGet("/files/{id}", (string id, MockState state) =>
            state.Media.File(id) is { } bytes ? Results.Bytes(bytes, "audio/mpeg") : Results.NotFound());
        return app;
    }

    private static async Task<IResult> SpeechAsync(HttpRequest request, MockState state)
    {
        if (HeyGenIdentityRoutes.Authenticate(request, state) is null)
        {
            return MockRequests.Error(ErrorBodies.For("/v3", 401), 401);
        }
        if (await MockRequests.JsonBodyAsync(request) is not { } body)
        {
            return Invalid("the body must be a JSON object {text, voice_id, speed, language?}");
        }
        var text = JsonFields.Text(body, "text");
        if (string.IsNullOrWhiteSpace(text))
        {
            return Invalid("text is required");
        }
        if (text.Length > 5000)
        {
            return Invalid("text must be at most 5000 characters");
        }
        var voiceId = JsonFields.Text(body, "voice_id");
        if (voiceId is null || HeyGenCatalog.Voice(voiceId) is not { } voice)
        {
            return Invalid($"voice_id '{voiceId}' is not a Starfish voice; list them with GET /v3/voices?engine=starfish");
        }
        var speed = 1.0;
        if (body["speed"] is JsonValue speedValue && (!speedValue.TryGetValue(out speed) || speed is < 0.5 or > 2.0))
        {
            return Invalid("speed must be a number from 0.5 to 2.0");
        }
        var language = JsonFields.Text(body, "language");
        SpeechClip clip;
        try
        {
            clip = await Task.Run(() => state.Media.Speak(text, language is null ? voice.ESpeakVoice : null, language ?? voice.Language, speed));
        }
        catch (Exception ex) when (ex is VoiceEngineException or UnknownVoiceException or UsageException)
        {
            return MockRequests.Error(ErrorBodies.HeyGen("speech_failed", Escape(ex.Message)), ex is VoiceEngineException ? 500 : 400);
        }
        var timestamps = new JsonArray { Stamp("<start>", 0, 0) };
        foreach (var word in clip.Words)
        {
            timestamps.Add(Stamp(word.Text, word.Start, word.End));
        }
        timestamps.Add(Stamp("<end>", clip.DurationSeconds, clip.DurationSeconds));
        return Data(state, new JsonObject
        {
            ["audio_url"] = MockRequests.FileUrl(request, clip.FileId),
            ["duration"] = Math.Round(clip.DurationSeconds, 3),
            ["word_timestamps"] = timestamps,
        });
    }

    private static IResult Voices(HttpRequest request, MockState state)
    {
        if (HeyGenIdentityRoutes.Authenticate(request, state) is null)
        {
            return MockRequests.Error(ErrorBodies.For("/v3", 401), 401);
        }
        if (!Limit(request, 50, 100, out var limit))
        {
            return Invalid("limit must be a whole number from 1 to 100");
        }
        var engine = request.Query["engine"].ToString();
        var voices = engine is "" or "starfish" ? HeyGenCatalog.Voices : [];
        return Data(state, new JsonArray(voices.Take(limit).Select(v => (JsonNode)new JsonObject
        {
            ["voice_id"] = v.VoiceId,
            ["name"] = v.Name,
            ["language"] = v.Language,
            ["gender"] = v.Gender,
            ["engine"] = "starfish",
            ["type"] = "public",
        }).ToArray()));
    }

    private static IResult Sounds(HttpRequest request, MockState state)
    {
        if (HeyGenIdentityRoutes.Authenticate(request, state) is null)
        {
            return MockRequests.Error(ErrorBodies.For("/v3", 401), 401);
        }
        var query = request.Query["query"].ToString().Trim();
        if (query.Length == 0)
        {
            return Invalid("query is required");
        }
        var type = request.Query["type"].ToString();
        if (type is not ("music" or "sound_effects"))
        {
            return Invalid("type must be music or sound_effects");
        }
        if (!Limit(request, 10, 50, out var limit))
        {
            return Invalid("limit must be a whole number from 1 to 50");
        }
        var minScore = 0.7;
        if (request.Query["min_score"].ToString() is { Length: > 0 } min
            && (!double.TryParse(min, NumberStyles.Float, CultureInfo.InvariantCulture, out minScore) || minScore is < 0 or > 1))
        {
            return Invalid("min_score must be a number from 0 to 1");
        }
        var hits = (type == "music" ? MusicHits(request, state, query) : EffectHits(request, state, query))
            .Where(h => h.Score >= minScore)
            .Take(limit)
            .Select(h => h.Build())
            .ToList();
        JsonNode data = state.Options.IndexKeyedSounds
            ? new JsonObject(hits.Select((h, i) => KeyValuePair.Create(i.ToString(CultureInfo.InvariantCulture), (JsonNode?)h)))
            : new JsonArray(hits.Select(h => (JsonNode)h).ToArray());
        return Data(state, data);
    }

    /// <summary>A ranked hit whose JSON (which may render audio to learn its length) is built only when it is kept.</summary>
    private readonly record struct Ranked(double Score, Func<JsonObject> Build);

    private static IEnumerable<Ranked> EffectHits(HttpRequest request, MockState state, string query) =>
        SfxLibrary.Search(query).Select(match =>
        {
            var score = match.Score switch { >= 100 => 0.98, >= 90 => 0.92, >= 50 => 0.8, var s => Math.Clamp(0.3 + 0.05 * s, 0.3, 0.75) };
            return new Ranked(score, () => Hit("sfx_" + match.Recipe.Name, match.Recipe.Name, match.Recipe.Description,
                Math.Round(state.Media.EffectSeconds(match.Recipe), 3), score, MockRequests.FileUrl(request, state.Media.SoundEffect(match.Recipe))));
        });

    private static IEnumerable<Ranked> MusicHits(HttpRequest request, MockState state, string query)
    {
        var words = query.ToLowerInvariant().Split([' ', '-', ','], StringSplitOptions.RemoveEmptyEntries);
        return HeyGenCatalog.Music
            .Select(track =>
            {
                var haystack = $"{track.Name} {track.Description} {track.Prompt}".ToLowerInvariant();
                var matched = words.Count(haystack.Contains);
                return (Track: track, Score: Math.Round(0.5 * matched / words.Length + (matched == words.Length ? 0.45 : 0), 3));
            })
            .Where(t => t.Score > 0)
            .OrderByDescending(t => t.Score).ThenBy(t => t.Track.Id, StringComparer.Ordinal)
            .Select(t => new Ranked(t.Score, () => Hit(t.Track.Id, t.Track.Name, t.Track.Description, t.Track.Seconds, t.Score,
                MockRequests.FileUrl(request, state.Media.Music(t.Track.Prompt, t.Track.Seconds)))));
    }

    private static JsonObject Hit(string id, string name, string description, double duration, double score, string url) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["duration"] = duration,
        ["score"] = score,
        ["audio_url"] = url,
    };

    private static JsonObject Stamp(string word, double start, double end) =>
        new() { ["word"] = word, ["start"] = Math.Round(start, 3), ["end"] = Math.Round(end, 3) };

    private static bool Limit(HttpRequest request, int fallback, int max, out int limit)
    {
        limit = fallback;
        var text = request.Query["limit"].ToString();
        return text.Length == 0 || (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max);
    }

    /// <summary>HeyGen's success envelope, wrapped or not as configured.</summary>
    internal static IResult Data(MockState state, JsonNode data) => Results.Json(state.Options.WrapResponses
        ? new JsonObject { ["code"] = 100, ["message"] = "Success", ["data"] = data }
        : new JsonObject { ["data"] = data });

    private static IResult Invalid(string message) => MockRequests.Error(ErrorBodies.HeyGen("invalid_parameter", Escape(message)), 400);

    private static string Escape(string text) => System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(text);
}

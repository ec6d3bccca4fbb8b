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
        if (voiceId is null || HeyGenVoiceRoutes.Speaker(state, voiceId) is not { } voice)
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
            clip = await Task.Run(() => state.Media.Speak(text, language is null ? voice.ESpeak : null, language ?? voice.Language, speed));
        }
        catch (Exception ex) when (ex is VoiceEngineException or UnknownVoiceException or UsageException)
        {
            return MockRequests.Error(ErrorBodies.HeyGen("speech_failed", Escape(ex.Message)), ex is VoiceEngineException ? 500 : 400);
        }
        var timestamps = new JsonArray { Stamp("<start>", 0, 0) };
        var last = 0.0;
        foreach (var (word, start, end) in WordTimings.NeverEmpty(clip.Words))
        {
            timestamps.Add(Stamp(word, start, end));
            last = end;
        }
        timestamps.Add(Stamp("<end>", Math.Max(clip.DurationSeconds, last), Math.Max(clip.DurationSeconds, last)));
        return Data(state, new JsonObject
        {
            ["audio_url"] = MockRequests.FileUrl(request, clip.FileId),
            ["duration"] = Math.Round(clip.DurationSeconds, 3),
            ["word_timestamps"] = timestamps,
        });
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

    /// <summary>The library's own name match (exact names, synonyms) or the meaning search, whichever ranks a sound higher; only an exact name scores 1.</summary>
    private static IEnumerable<Ranked> EffectHits(HttpRequest request, MockState state, string query)
    {
        var named = SfxLibrary.Search(query).ToDictionary(m => m.Recipe.Name, m => m.Score switch
        {
            >= 100 => 0.98,
            >= 90 => 0.92,
            >= 50 => 0.8,
            var s => Math.Clamp(0.3 + 0.05 * s, 0.3, 0.75),
        });
        return SfxLibrary.Recipes
            .Select(recipe => (Recipe: recipe, Score: named.GetValueOrDefault(recipe.Name) >= 0.98 ? 1.0 : Math.Max(named.GetValueOrDefault(recipe.Name),
                Math.Round(0.95 * SearchLexicons.Effects.Score(query, $"{recipe.Name.Replace('-', ' ')} {string.Join(' ', recipe.Tags)} {recipe.Description}"), 3))))
            .Where(t => t.Score > 0)
            .OrderByDescending(t => t.Score).ThenBy(t => t.Recipe.Name, StringComparer.Ordinal)
            .Select(t => new Ranked(t.Score, () => Hit("sfx_" + t.Recipe.Name, t.Recipe.Name, t.Recipe.Description,
                Math.Round(state.Media.EffectSeconds(t.Recipe), 3), t.Score, MockRequests.FileUrl(request, state.Media.SoundEffect(t.Recipe)))));
    }

    private static IEnumerable<Ranked> MusicHits(HttpRequest request, MockState state, string query) =>
        HeyGenCatalog.Music
            .Select(track => (Track: track, Score: SearchLexicons.Music.Score(query, $"{track.Name} {track.Description} {track.Prompt}")))
            .Where(t => t.Score > 0)
            .OrderByDescending(t => t.Score).ThenBy(t => t.Track.Id, StringComparer.Ordinal)
            .Select(t => new Ranked(t.Score, () => Hit(t.Track.Id, t.Track.Name, t.Track.Description, t.Track.Seconds, t.Score,
                MockRequests.FileUrl(request, state.Media.Music(t.Track.Prompt, t.Track.Seconds)))));

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

    /// <summary>HeyGen's success envelope, wrapped or not as configured, with any top-level extras (<c>has_more</c>, <c>next_token</c>).</summary>
    internal static IResult Data(MockState state, JsonNode data, JsonObject? extras = null)
    {
        var body = state.Options.WrapResponses
            ? new JsonObject { ["code"] = 100, ["message"] = "Success", ["data"] = data }
            : new JsonObject { ["data"] = data };
        foreach (var (name, value) in extras ?? [])
        {
            body[name] = value?.DeepClone();
        }
        return Results.Json(body);
    }

    private static IResult Invalid(string message) => MockRequests.Error(ErrorBodies.HeyGen("invalid_parameter", Escape(message)), 400);

    private static string Escape(string text) => System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(text);
}

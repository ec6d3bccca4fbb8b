using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediagate.Captions;
using Mediagate.Http;
using Mediagate.Local.Voice;
using Mediagate.Mock.Faults;
using Mediagate.Mock.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Mock.ElevenLabs;

/// <summary>ElevenLabs: speech (<c>/v1/text-to-speech/{voice}</c> and <c>/with-timestamps</c>), <c>/v1/voices</c> and <c>/v1/user</c>, keyed by <c>xi-api-key</c>.</summary>
internal static class ElevenLabsRoutes
{
    private static readonly (string Id, string Name, string Gender, string Accent, string ESpeak)[] Voices =
    [
        ("21m00Tcm4TlvDq8ikWAM", "Rachel", "female", "american", "en-us+f2"),
        ("SAz9YHcvj6GT2YYXdXww", "River", "neutral", "american", "en-us+m3"),
        ("JBFqnCBsd6RMkjVDRZzb", "George", "male", "british", "en-gb+m1"),
        ("EXAVITQu4vr4xnSDxMaL", "Sarah", "female", "american", "en-us+f4"),
    ];

    public static IEndpointRouteBuilder MapElevenLabs(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/text-to-speech/{voiceId}", (string voiceId, HttpRequest request, MockState state) => SpeakAsync(voiceId, request, state, timestamps: false));
        app.MapPost("/v1/text-to-speech/{voiceId}/with-timestamps", (string voiceId, HttpRequest request, MockState state) => SpeakAsync(voiceId, request, state, timestamps: true));
        app.MapGet("/v1/voices", (HttpRequest request, MockState state) => !Authorized(request, state) ? Unauthorized() : Results.Json(new JsonObject
        {
            ["voices"] = new JsonArray(Voices.Select(v => (JsonNode)new JsonObject
            {
                ["voice_id"] = v.Id,
                ["name"] = v.Name,
                ["category"] = "premade",
                ["labels"] = new JsonObject { ["gender"] = v.Gender, ["accent"] = v.Accent, ["language"] = "en" },
            }).ToArray()),
        }));
        app.MapGet("/v1/user", (HttpRequest request, MockState state) => !Authorized(request, state) ? Unauthorized() : Results.Json(new JsonObject
        {
            ["user_id"] = "mock-user",
            ["subscription"] = new JsonObject { ["tier"] = "creator", ["character_count"] = 1200, ["character_limit"] = 100000, ["status"] = "active" },
        }));
        return app;
    }

    private static async Task<IResult> SpeakAsync(string voiceId, HttpRequest request, MockState state, bool timestamps)
    {
        if (!Authorized(request, state))
        {
            return Unauthorized();
        }
        var voice = Voices.FirstOrDefault(v => v.Id == voiceId);
        if (voice.Id is null)
        {
            return MockRequests.Error(ErrorBodies.ElevenLabs("voice_not_found", "A voice with the voice_id " + voiceId + " was not found."), 404);
        }
        var body = await MockRequests.JsonBodyAsync(request);
        var text = body is null ? null : JsonFields.Text(body, "text");
        if (string.IsNullOrWhiteSpace(text))
        {
            return MockRequests.Error(ErrorBodies.ElevenLabs("invalid_text", "text is required"), 422);
        }
        var speed = (body!["voice_settings"] as JsonObject)?["speed"] is JsonValue s && s.TryGetValue<double>(out var value) ? value : 1.0;
        SpeechClip clip;
        try
        {
            clip = await Task.Run(() => state.Media.Speak(text, voice.ESpeak, null, speed));
        }
        catch (Exception ex) when (ex is VoiceEngineException or UsageException)
        {
            return MockRequests.Error(ErrorBodies.ElevenLabs("tts_failed", System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(ex.Message)), 500);
        }
        if (!timestamps)
        {
            return Results.Bytes(clip.Mp3, "audio/mpeg");
        }
        var alignment = Alignment(text, clip.Words, clip.DurationSeconds);
        return Results.Json(new JsonObject
        {
            ["audio_base64"] = Convert.ToBase64String(clip.Mp3),
            ["alignment"] = alignment,
            ["normalized_alignment"] = alignment.DeepClone(),
        });
    }

    /// <summary>Spreads each word's time over its characters; the spaces between words take the gaps.</summary>
    internal static JsonObject Alignment(string text, IReadOnlyList<Word> words, double duration)
    {
        var characters = new JsonArray();
        var starts = new JsonArray();
        var ends = new JsonArray();
        var tokens = new List<(int Start, int Length)>();
        for (var i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var begin = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            tokens.Add((begin, i - begin));
        }
        (double Start, double End) TimeOf(int token) => tokens.Count == words.Count
            ? (words[token].Start, words[token].End)
            : (duration * token / tokens.Count, duration * (token + 1) / tokens.Count);
        var previousEnd = 0.0;
        var position = 0;
        for (var token = 0; token < tokens.Count; token++)
        {
            var (start, end) = TimeOf(token);
            for (; position < tokens[token].Start; position++)
            {
                Add(text[position].ToString(), previousEnd, Math.Max(previousEnd, start));
            }
            var length = tokens[token].Length;
            for (var c = 0; c < length; c++)
            {
                Add(text[position + c].ToString(), start + (end - start) * c / length, start + (end - start) * (c + 1) / length);
            }
            position += length;
            previousEnd = end;
        }
        return new JsonObject
        {
            ["characters"] = characters,
            ["character_start_times_seconds"] = starts,
            ["character_end_times_seconds"] = ends,
        };

        void Add(string character, double start, double end)
        {
            characters.Add(character);
            starts.Add(Math.Round(start, 3));
            ends.Add(Math.Round(end, 3));
        }
    }

    private static bool Authorized(HttpRequest request, MockState state) =>
        request.Headers["xi-api-key"].ToString() is { Length: > 0 } key && state.Options.ElevenLabsKeys.Contains(key);

    private static IResult Unauthorized() => MockRequests.Error(ErrorBodies.For("/v1/user", 401), 401);
}

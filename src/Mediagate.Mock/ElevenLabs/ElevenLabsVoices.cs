using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mediagate.Mock.Faults;
using Mediagate.Mock.Media;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Mock.ElevenLabs;

/// <summary>ElevenLabs' premade voices, listed whole by <c>GET /v1/voices</c> and searched and paged by <c>GET /v2/voices</c>.</summary>
internal static class ElevenLabsVoices
{
    public static readonly ElevenLabsVoice[] All =
    [
        new("21m00Tcm4TlvDq8ikWAM", "Rachel", "female", "american", "young", "calm narration", "en-us+f2"),
        new("SAz9YHcvj6GT2YYXdXww", "River", "neutral", "american", "middle_aged", "relaxed, informative", "en-us+m3"),
        new("JBFqnCBsd6RMkjVDRZzb", "George", "male", "british", "middle_aged", "warm storyteller", "en-gb+m1"),
        new("EXAVITQu4vr4xnSDxMaL", "Sarah", "female", "american", "young", "soft news", "en-us+f4"),
    ];

    public static ElevenLabsVoice? Find(string id) => All.FirstOrDefault(v => v.Id == id);

    /// <summary><c>GET /v1/voices</c>: every voice, as <c>{voices}</c>.</summary>
    public static IResult List() => Results.Json(new JsonObject { ["voices"] = new JsonArray([.. All.Select(Json)]) });

    /// <summary>
    /// <c>GET /v2/voices</c> (the SDK's <c>voices.search</c>): <c>search</c> over name, description and labels, <c>category</c>,
    /// <c>voice_type</c>, <c>page_size</c> (1–100, default 10) and an opaque <c>next_page_token</c>; answers
    /// <c>{voices, has_more, total_count, next_page_token}</c>.
    /// </summary>
    public static IResult Search(HttpRequest request)
    {
        var query = request.Query;
        var pageSize = 10;
        if (query["page_size"].ToString() is { Length: > 0 } size
            && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 100))
        {
            return Invalid("page_size", "page_size must be a whole number from 1 to 100");
        }
        var offset = 0;
        if (query["next_page_token"].ToString() is { Length: > 0 } token && !TryReadToken(token, out offset))
        {
            return Invalid("next_page_token", "next_page_token is not one this server issued");
        }
        var search = query["search"].ToString().Trim();
        var category = query["category"].ToString();
        var voiceType = query["voice_type"].ToString();
        var matches = All.Where(v =>
                (search.Length == 0 || $"{v.Name} {v.Description} {v.Gender} {v.Accent} {v.Age}".Contains(search, StringComparison.OrdinalIgnoreCase))
                && (category.Length == 0 || category == "premade")
                && voiceType is "" or "default" or "non-community" or "saved")
            .ToList();
        var page = matches.Skip(offset).Take(pageSize).ToList();
        var more = offset + page.Count < matches.Count;
        return Results.Json(new JsonObject
        {
            ["voices"] = new JsonArray([.. page.Select(Json)]),
            ["has_more"] = more,
            ["total_count"] = matches.Count,
            ["next_page_token"] = more ? Token(offset + page.Count) : null,
        });
    }

    private static JsonNode Json(ElevenLabsVoice v) => new JsonObject
    {
        ["voice_id"] = v.Id,
        ["name"] = v.Name,
        ["category"] = "premade",
        ["labels"] = new JsonObject
        {
            ["accent"] = v.Accent,
            ["description"] = v.Description,
            ["age"] = v.Age,
            ["gender"] = v.Gender,
            ["language"] = "en",
        },
        ["description"] = $"{v.Name}: {v.Description}.",
        ["available_for_tiers"] = new JsonArray(),
        ["high_quality_base_model_ids"] = new JsonArray("eleven_multilingual_v2", "eleven_turbo_v2_5", "eleven_flash_v2_5"),
        ["is_owner"] = false,
        ["is_legacy"] = false,
        ["is_mixed"] = false,
    };

    private static string Token(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryReadToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>ElevenLabs' 422 for a bad query parameter: FastAPI's <c>{detail: [{loc, msg, type}]}</c>.</summary>
    internal static IResult Invalid(string parameter, string message) =>
        MockRequests.Error(new JsonObject
        {
            ["detail"] = new JsonArray(new JsonObject
            {
                ["loc"] = new JsonArray("query", parameter),
                ["msg"] = message,
                ["type"] = "value_error",
            }),
        }.ToJsonString(), 422);
}

/// <summary>A premade ElevenLabs voice and the eSpeak voice that speaks it.</summary>
internal sealed record ElevenLabsVoice(string Id, string Name, string Gender, string Accent, string Age, string Description, string ESpeak);

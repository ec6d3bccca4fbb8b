using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mediagate.Http;

/// <summary>Lenient reads of fields from provider JSON: a wrong type or an empty string reads as absent, and numbers may come quoted.</summary>
public static class JsonFields
{
    /// <summary>A non-empty string field; with <paramref name="numbersAsText"/>, a number is returned as its JSON text.</summary>
    public static string? Text(JsonObject node, string key, bool numbersAsText = false) => node[key] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() is { Length: > 0 } s ? s : null,
        JsonValue v when numbersAsText && v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };

    /// <summary>A decimal field, given as a number or a numeric string.</summary>
    public static decimal? Decimal(JsonObject node, string key) => node[key] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.TryGetValue<decimal>(out var number) ? number : null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && decimal.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>A double field, given as a number or a numeric string.</summary>
    public static double? Double(JsonObject node, string key) => Decimal(node, key) is { } value ? (double)value : null;

    /// <summary>A boolean field.</summary>
    public static bool? Flag(JsonObject node, string key) => node[key]?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mediagate.Server.Api;

/// <summary>Typed reads of request fields; a wrong type or range throws a 400 that names the field and the rule.</summary>
internal static class Fields
{
    public static string? Text(JsonObject fields, string name, int maxLength = 10_000)
    {
        if (fields[name] is not { } node)
        {
            return null;
        }
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw ApiException.BadRequest($"{name} must be a string");
        }
        var text = value.GetValue<string>();
        if (text.Length > maxLength)
        {
            throw ApiException.BadRequest($"{name} must be at most {maxLength} characters (got {text.Length})");
        }
        return text.Length == 0 ? null : text;
    }

    public static string RequiredText(JsonObject fields, string name, int maxLength = 10_000) =>
        Text(fields, name, maxLength) is { } text && !string.IsNullOrWhiteSpace(text) ? text : throw ApiException.BadRequest($"{name} is required");

    /// <summary>A whole number in range, given as a JSON number or as a number in a string (as multipart sends it).</summary>
    public static int? Integer(JsonObject fields, string name, int min, int max)
    {
        if (Number(fields, name, $"an integer from {min} to {max}") is not { } number)
        {
            return null;
        }
        if (number != Math.Floor(number) || number < min || number > max)
        {
            throw ApiException.BadRequest($"{name} must be an integer from {min} to {max} (got {number.ToString(CultureInfo.InvariantCulture)})");
        }
        return (int)number;
    }

    public static double? Decimal(JsonObject fields, string name, double min, double max)
    {
        var rule = $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
        if (Number(fields, name, rule) is not { } number)
        {
            return null;
        }
        return number >= min && number <= max ? number : throw ApiException.BadRequest($"{name} must be {rule} (got {number.ToString(CultureInfo.InvariantCulture)})");
    }

    public static bool Flag(JsonObject fields, string name)
    {
        return fields[name] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True => true,
            JsonValue v when v.GetValueKind() is JsonValueKind.False => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.String && v.GetValue<string>().Trim().ToLowerInvariant() is "true" or "1" => true,
            JsonValue v when v.GetValueKind() is JsonValueKind.String && v.GetValue<string>().Trim().ToLowerInvariant() is "false" or "0" or "" => false,
            _ => throw ApiException.BadRequest($"{name} must be true or false"),
        };
    }

    private static double? Number(JsonObject fields, string name, string rule)
    {
        switch (fields[name])
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return v.GetValue<double>();
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>().Trim();
                if (text.Length == 0)
                {
                    return null;
                }
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed)
                    ? parsed
                    : throw ApiException.BadRequest($"{name} must be {rule} (got '{Clip(text)}')");
            default:
                throw ApiException.BadRequest($"{name} must be {rule}");
        }
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

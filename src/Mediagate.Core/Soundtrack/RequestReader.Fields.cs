using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mediagate.Soundtrack;

/// <summary>The typed field readers every part of a request uses.</summary>
internal sealed partial class RequestReader
{
    private string? String(JsonElement parent, string name, string prefix)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Problems.Add($"{prefix}{name}: expected a string, found {Kind(value)}");
            return null;
        }
        return value.GetString();
    }

    private double? Number(JsonElement parent, string name, string prefix, double min, double max, string meaning)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            Problems.Add($"{prefix}{name}: expected a number from {Format(min)} to {Format(max)} ({meaning}), found {Kind(value)}");
            return null;
        }
        if (number < min || number > max)
        {
            Problems.Add($"{prefix}{name}: {value.GetRawText()} is out of range; use {Format(min)} to {Format(max)} ({meaning})");
            return null;
        }
        return number;
    }

    private void WarnUnknown(JsonElement item, HashSet<string> known, string prefix)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                Warnings.Add($"{prefix}{property.Name}: unknown field, ignored");
            }
        }
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        _ => "null",
    };
}

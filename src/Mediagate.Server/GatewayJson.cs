using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Mediagate.Server.Api;

namespace Mediagate.Server;

/// <summary>
/// How the gateway writes JSON, for HTTP bodies and for what it serialises ahead of them (job responses, webhooks, the account
/// listing) alike: the web defaults (camelCase), <c>…secured…</c> and other text as themselves rather than <c>\u2026</c> escapes,
/// and <see cref="WrittenWithAttribute"/>.
/// </summary>
internal static class GatewayJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict, // numbers are written as numbers, so the schemas say so (the web default also reads "1")
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WrittenWith } },
    };

    /// <summary>Gives ASP.NET Core's JSON options (bodies and the OpenAPI schemas) the same settings.</summary>
    public static void CopyTo(JsonSerializerOptions http)
    {
        http.Encoder = Options.Encoder;
        http.NumberHandling = Options.NumberHandling;
        http.TypeInfoResolver = Options.TypeInfoResolver;
    }

    private static void WrittenWith(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is PropertyInfo member && member.GetCustomAttribute<WrittenWithAttribute>() is { } with)
            {
                var sibling = info.Type.GetProperty(with.Sibling) ?? throw new InvalidOperationException($"{info.Type.Name} has no property {with.Sibling}");
                property.ShouldSerialize = (owner, _) => sibling.GetValue(owner) is not null;
            }
        }
    }
}

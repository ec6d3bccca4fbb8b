using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mediagate.Server;

/// <summary>How the gateway writes JSON: <c>…secured…</c> and other text as themselves, not as <c>\u2026</c> escapes.</summary>
internal static class GatewayJson
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

using System.Text.Json.Serialization;

namespace Mediagate.Server;

/// <summary>The <c>/healthz</c> body: ok with the store, instance and account count, or unavailable with why.</summary>
internal sealed record HealthView(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Store = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Instance = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Accounts = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);

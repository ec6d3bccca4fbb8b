using System.Text.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock.Faults;

namespace Mediagate.Mock;

/// <summary>
/// Reads <c>mediagate mock --config FILE</c>: which keys, logins and clients the mock accepts, and faults in force from the start.
/// Every section is optional; what is left out keeps its documented default. See <c>docs/mock.md</c> for the shape.
/// </summary>
public static class MockConfigFile
{
    /// <summary>Loads a configuration file.</summary>
    /// <exception cref="MockConfigException">The file cannot be read or is not valid; the message names the JSON path.</exception>
    public static MockOptions Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MockConfigException($"cannot read {path}: {ex.Message}");
        }
        try
        {
            return Parse(text);
        }
        catch (JsonException ex)
        {
            throw new MockConfigException($"{path} is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Parses a configuration document.</summary>
    public static MockOptions Parse(string json)
    {
        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
            ?? throw new MockConfigException("the configuration must be a JSON object");
        var options = new MockOptions();
        if (Section(root, "heygen") is { } heygen)
        {
            if (heygen["apiKeys"] is { } keys)
            {
                options = options with
                {
                    HeyGenApiKeys = keys switch
                    {
                        JsonArray list => Strings(list, "heygen.apiKeys").ToDictionary(k => k, _ => new MockUser(MockOptions.DefaultWebEmail)),
                        JsonObject map => map.ToDictionary(p => p.Key, p => new MockUser(Text(p.Value, $"heygen.apiKeys.{p.Key}"))),
                        _ => throw new MockConfigException("heygen.apiKeys: expected an array of keys or an object of key → email"),
                    },
                };
            }
            if (heygen["webAccounts"] is { } accounts)
            {
                var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var list = accounts as JsonArray ?? throw new MockConfigException("heygen.webAccounts: expected an array of {email, password}");
                for (var i = 0; i < list.Count; i++)
                {
                    var item = list[i] as JsonObject ?? throw new MockConfigException($"heygen.webAccounts[{i}]: expected {{email, password}}");
                    map[Text(item["email"], $"heygen.webAccounts[{i}].email")] = Text(item["password"], $"heygen.webAccounts[{i}].password");
                }
                options = options with { WebAccounts = map };
            }
            if (heygen["oauthClients"] is JsonArray clients)
            {
                options = options with { OAuthClientIds = Strings(clients, "heygen.oauthClients").ToHashSet() };
            }
            options = options with
            {
                WrapResponses = Flag(heygen, "wrapResponses", "heygen") ?? options.WrapResponses,
                IndexKeyedSounds = Flag(heygen, "indexKeyedSounds", "heygen") ?? options.IndexKeyedSounds,
                SessionLifetimeSeconds = Number(heygen, "sessionLifetimeSeconds", "heygen") ?? options.SessionLifetimeSeconds,
                AccessTokenLifetimeSeconds = Number(heygen, "accessTokenLifetimeSeconds", "heygen") ?? options.AccessTokenLifetimeSeconds,
            };
        }
        options = options with
        {
            ElevenLabsKeys = Keys(root, "elevenlabs") ?? options.ElevenLabsKeys,
            GeminiKeys = Keys(root, "gemini") ?? options.GeminiKeys,
            OpenRouterKeys = Keys(root, "openrouter") ?? options.OpenRouterKeys,
        };
        if (root["faults"] is { } faults)
        {
            try
            {
                options = options with { Faults = faults.Deserialize(MockJsonContext.Default.FaultRuleArray) ?? [] };
            }
            catch (JsonException ex)
            {
                throw new MockConfigException($"faults: {ex.Message}");
            }
        }
        return options;
    }

    private static JsonObject? Section(JsonObject root, string name) => root[name] switch
    {
        null => null,
        JsonObject section => section,
        _ => throw new MockConfigException($"{name}: expected an object"),
    };

    private static HashSet<string>? Keys(JsonObject root, string name) =>
        Section(root, name)?["apiKeys"] is { } keys
            ? Strings(keys as JsonArray ?? throw new MockConfigException($"{name}.apiKeys: expected an array of strings"), $"{name}.apiKeys").ToHashSet()
            : null;

    private static IEnumerable<string> Strings(JsonArray list, string path) =>
        list.Select((item, i) => Text(item, $"{path}[{i}]")).ToList();

    private static string Text(JsonNode? node, string path) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new MockConfigException($"{path}: expected a non-empty string");

    private static bool? Flag(JsonObject section, string key, string path) => section[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag,
        _ => throw new MockConfigException($"{path}.{key}: expected true or false"),
    };

    private static int? Number(JsonObject section, string key, string path) => section[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var n) && n > 0 => n,
        _ => throw new MockConfigException($"{path}.{key}: expected a positive whole number"),
    };
}

/// <summary>The mock's configuration is unusable; the message says where and why.</summary>
public sealed class MockConfigException(string message) : Exception(message);

/// <summary>Source-generated JSON metadata for the mock's own types.</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, UseStringEnumConverter = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(FaultRule[]))]
internal sealed partial class MockJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

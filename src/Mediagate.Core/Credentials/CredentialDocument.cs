using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mediagate.Credentials;

/// <summary>
/// The shared HeyGen credentials file (<c>~/.heygen/credentials</c>) in the format that the HeyGen and HyperFrames CLIs write:
/// <c>{api_key, oauth{access_token, refresh_token, expires_at, scope, token_type}, user{email, first_name, last_name, username}}</c>.
/// </summary>
/// <remarks>The document keeps the parsed JSON tree, so keys that Mediagate does not know survive every rewrite.</remarks>
public sealed class CredentialDocument
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly HashSet<string> KnownTopLevel = ["api_key", "oauth", "user"];
    private static readonly HashSet<string> KnownOAuth = ["access_token", "refresh_token", "expires_at", "scope", "token_type"];
    private static readonly HashSet<string> KnownUser = ["email", "first_name", "last_name", "username"];

    private readonly JsonObject _root;

    private CredentialDocument(JsonObject root, bool isLegacy)
    {
        _root = root;
        IsLegacy = isLegacy;
    }

    /// <summary>A document with nothing in it.</summary>
    public static CredentialDocument Empty() => new(new JsonObject(), isLegacy: false);

    /// <summary>True when the file was a one-line plaintext key; the next write upgrades it to JSON.</summary>
    public bool IsLegacy { get; }

    /// <summary>True when the document holds no keys at all.</summary>
    public bool IsEmpty => _root.Count == 0;

    /// <summary>True when the document holds keys, at any level, that Mediagate does not know.</summary>
    public bool HasUnknownKeys =>
        _root.Any(p => !KnownTopLevel.Contains(p.Key))
        || (_root["oauth"] as JsonObject)?.Any(p => !KnownOAuth.Contains(p.Key)) == true
        || (_root["user"] as JsonObject)?.Any(p => !KnownUser.Contains(p.Key)) == true;

    /// <summary>The long-lived API key, or null.</summary>
    public string? ApiKey
    {
        get => ReadString(_root, "api_key");
        set => SetOrRemove(_root, "api_key", value);
    }

    /// <summary>The OAuth tokens, or null when there is no <c>oauth</c> block.</summary>
    public OAuthTokens? OAuth
    {
        get
        {
            if (_root["oauth"] is not JsonObject oauth)
            {
                return null;
            }
            var expires = ReadString(oauth, "expires_at");
            return new OAuthTokens(
                ReadString(oauth, "access_token") ?? string.Empty,
                ReadString(oauth, "refresh_token"),
                expires is null ? null : DateTimeOffset.Parse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                ReadString(oauth, "scope"),
                ReadString(oauth, "token_type"));
        }
    }

    /// <summary>The cached identity, or null when there is no <c>user</c> block.</summary>
    public StoredUser? User => _root["user"] is JsonObject user
        ? new StoredUser(ReadString(user, "email"), ReadString(user, "first_name"), ReadString(user, "last_name"), ReadString(user, "username"))
        : null;

    /// <summary>Replaces the <c>oauth</c> block outright, so that a fresh login never keeps an old refresh token.</summary>
    public void ReplaceOAuth(OAuthTokens tokens) => _root["oauth"] = WriteOAuth(new JsonObject(), tokens);

    /// <summary>Updates the <c>oauth</c> block after a refresh, keeping its unknown keys and the old refresh token when none is given.</summary>
    public void MergeOAuth(OAuthTokens tokens)
    {
        var oauth = _root["oauth"] as JsonObject ?? new JsonObject();
        var merged = tokens with { RefreshToken = tokens.RefreshToken ?? ReadString(oauth, "refresh_token") };
        _root["oauth"] = WriteOAuth(oauth, merged);
    }

    /// <summary>Removes the <c>oauth</c> block.</summary>
    public void RemoveOAuth() => _root.Remove("oauth");

    /// <summary>Stores the identity in the <c>user</c> block, keeping its unknown keys; null removes the block.</summary>
    public void SetUser(StoredUser? user)
    {
        if (user is null)
        {
            _root.Remove("user");
            return;
        }
        var block = _root["user"] as JsonObject ?? new JsonObject();
        SetOrRemove(block, "email", user.Email);
        SetOrRemove(block, "first_name", user.FirstName);
        SetOrRemove(block, "last_name", user.LastName);
        SetOrRemove(block, "username", user.Username);
        _root["user"] = block;
    }

    /// <summary>Sets a top-level key that Mediagate does not interpret, as another tool would.</summary>
    internal void SetExtra(string key, string value)
    {
        if (KnownTopLevel.Contains(key))
        {
            throw new ArgumentException($"{key} is one of Mediagate's own keys.", nameof(key));
        }
        _root[key] = value;
    }

    /// <summary>Serialises the document as the peer does: JSON indented by two spaces, with a trailing newline.</summary>
    public string Serialize() => _root.ToJsonString(WriteOptions) + "\n";

    /// <summary>Parses a credentials file's text, JSON or legacy plaintext.</summary>
    /// <returns>The document, or null when the text is empty (an empty file counts as absent).</returns>
    /// <exception cref="CredentialException">The text is malformed or holds an unusable value.</exception>
    public static CredentialDocument? Parse(string text, string path)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }
        if (!trimmed.StartsWith('{') && !trimmed.StartsWith('['))
        {
            return ParseLegacy(trimmed, path);
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(trimmed, documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw Broken(path, $"the file is not valid JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')})", ex);
        }
        if (node is not JsonObject root)
        {
            throw Broken(path, "the file holds JSON that is not an object");
        }
        var document = new CredentialDocument(root, isLegacy: false);
        document.Validate(path);
        return document;
    }

    private static CredentialDocument ParseLegacy(string trimmed, string path)
    {
        var isKey = trimmed.Length >= 8 && trimmed.All(c => c is > ' ' and < (char)0x7F);
        if (!isKey)
        {
            throw Broken(path, "the file is neither JSON nor a one-line plaintext API key (8 or more printable characters, no spaces)");
        }
        var root = new JsonObject { ["api_key"] = trimmed };
        return new CredentialDocument(root, isLegacy: true);
    }

    private void Validate(string path)
    {
        RequireStringOrAbsent(_root, "api_key", "api_key", path);
        var oauthNode = _root["oauth"];
        if (oauthNode is not null and not JsonObject)
        {
            throw Broken(path, "\"oauth\" is not an object");
        }
        if (oauthNode is JsonObject oauth)
        {
            foreach (var key in KnownOAuth)
            {
                RequireStringOrAbsent(oauth, key, "oauth." + key, path);
            }
            if (ReadString(oauth, "access_token") is null)
            {
                throw Broken(path, "\"oauth\" has no access_token");
            }
            if (ReadString(oauth, "expires_at") is { } expires
                && !DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            {
                throw Broken(path, $"oauth.expires_at \"{expires}\" is not an ISO-8601 time");
            }
        }
        if (_root["user"] is not null and not JsonObject)
        {
            throw Broken(path, "\"user\" is not an object");
        }
    }

    private static void RequireStringOrAbsent(JsonObject parent, string key, string label, string path)
    {
        var node = parent[key];
        if (node is null)
        {
            return;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw Broken(path, $"{label} is not a string");
        }
        if (ContainsControlCharacters(node.GetValue<string>()))
        {
            throw Broken(path, $"{label} contains control characters");
        }
    }

    /// <summary>True when the value has an ASCII or Unicode control character (a pasted newline, for example).</summary>
    public static bool ContainsControlCharacters(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }
        return false;
    }

    private static CredentialException Broken(string path, string problem, Exception? inner = null) =>
        new(path, $"the credentials file is unreadable: {problem}",
            $"fix the file by hand, or delete it and sign in again: rm '{path}' && mediagate auth login",
            inner);

    private static JsonObject WriteOAuth(JsonObject target, OAuthTokens tokens)
    {
        SetOrRemove(target, "access_token", tokens.AccessToken);
        SetOrRemove(target, "refresh_token", tokens.RefreshToken);
        SetOrRemove(target, "expires_at", tokens.ExpiresAt is { } at ? OAuthTokens.FormatTime(at) : null);
        SetOrRemove(target, "scope", tokens.Scope);
        SetOrRemove(target, "token_type", tokens.TokenType);
        return target;
    }

    private static string? ReadString(JsonObject parent, string key) =>
        parent[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text
            ? text
            : null;

    private static void SetOrRemove(JsonObject parent, string key, string? value)
    {
        if (value is null)
        {
            parent.Remove(key);
        }
        else
        {
            parent[key] = value;
        }
    }

    /// <summary>The document's bytes as written to disk.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(Serialize());
}

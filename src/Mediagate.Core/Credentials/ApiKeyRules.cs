namespace Mediagate.Credentials;

/// <summary>The checks an API key must pass before it is saved. The prefix is deliberately not checked: <c>sk_V2_…</c> and legacy <c>hg_…</c> keys both exist.</summary>
public static class ApiKeyRules
{
    /// <summary>The shortest key accepted.</summary>
    public const int MinLength = 8;

    /// <summary>Why the key is unusable, or null when it looks fine.</summary>
    public static string? Problem(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return "No API key provided.";
        }
        if (CredentialDocument.ContainsControlCharacters(key.Trim()))
        {
            return "The API key contains control characters; paste it again on one line.";
        }
        var trimmed = key.Trim();
        if (trimmed.Length < MinLength)
        {
            return $"API key looks too short (got {trimmed.Length} chars).";
        }
        return null;
    }
}

using System.Text.RegularExpressions;

namespace Mediagate.Http;

/// <summary>Removes credentials from text that came from an upstream server before it is shown or logged.</summary>
public static partial class SecretScrubber
{
    /// <summary>The longest scrubbed text that is kept; the rest is cut with an ellipsis.</summary>
    public const int MaxLength = 500;

    private const string Redacted = "[redacted]";

    [GeneratedRegex(@"\b(?:sk|hg|xi|sk-or|sk-ant)[-_][A-Za-z0-9_\-]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=\-]{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"(?im)^(\s*(?:authorization|x-api-key|xi-api-key|x-goog-api-key|cookie|set-cookie|proxy-authorization)\s*:).*$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"(?i)(""?(?:access_token|refresh_token|id_token|api_key|apikey|password|client_secret|session_token|heygen_session|device_code|code_verifier|token|secret)""?\s*[:=]\s*""?)([^""&\s,}]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SecretField();

    /// <summary>Returns <paramref name="text"/> with keys, bearer tokens, JWTs and secret fields replaced, and cut to <see cref="MaxLength"/>.</summary>
    public static string Scrub(string? text, params IEnumerable<string?> knownSecrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var result = text;
        foreach (var secret in knownSecrets)
        {
            if (secret is { Length: >= 4 })
            {
                result = result.Replace(secret, Redacted, StringComparison.Ordinal);
            }
        }
        result = HeaderLine().Replace(result, "$1 " + Redacted);
        result = SecretField().Replace(result, "$1" + Redacted);
        result = AuthorizationValue().Replace(result, "$1 " + Redacted);
        result = Jwt().Replace(result, Redacted);
        result = PrefixedKey().Replace(result, Redacted);
        result = result.Trim();
        return result.Length <= MaxLength ? result : string.Concat(result.AsSpan(0, MaxLength), "…");
    }

    /// <summary>A secret for display: its prefix (up to the last '_' within the first 8 characters, else 4 characters) then asterisks.</summary>
    public static string Mask(string secret)
    {
        if (secret.Length < 8)
        {
            return "******";
        }
        var window = secret.AsSpan(0, Math.Min(8, secret.Length - 4));
        var cut = window.LastIndexOf('_');
        var prefixLength = cut >= 0 ? cut + 1 : Math.Min(4, secret.Length / 4);
        return string.Concat(secret.AsSpan(0, prefixLength), "******");
    }
}

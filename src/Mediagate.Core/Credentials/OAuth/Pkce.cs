using System.Security.Cryptography;
using System.Text;

namespace Mediagate.Credentials.OAuth;

/// <summary>PKCE (RFC 7636) values and the OAuth state parameter.</summary>
public static class Pkce
{
    /// <summary>A code verifier: 64 random bytes, base64url-encoded (86 characters).</summary>
    public static string CreateVerifier() => Base64Url(RandomNumberGenerator.GetBytes(64));

    /// <summary>The S256 challenge: base64url(SHA-256(verifier)).</summary>
    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>A state value: 32 random bytes, base64url-encoded.</summary>
    public static string CreateState() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Compares two state values in constant time.</summary>
    public static bool StateMatches(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    /// <summary>Base64url without padding.</summary>
    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

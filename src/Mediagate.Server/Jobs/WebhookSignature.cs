using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mediagate.Server.Jobs;

/// <summary>
/// The webhook signature, as Stripe's: <c>X-Mediagate-Signature: t=UNIX_SECONDS,v1=HEX</c>, where HEX is HMAC-SHA256 of
/// <c>"{t}.{body}"</c> with the token's webhook secret. The time is signed too, so a receiver that refuses signatures older
/// than <see cref="Tolerance"/> cannot be sent a captured delivery again later.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "X-Mediagate-Signature";

    /// <summary>How old a signature a receiver should accept (Stripe's default); every attempt is signed afresh.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(Mac(secret, t, body))}";
    }

    /// <summary>A receiver's check: the header parses, its time is within <paramref name="tolerance"/> of now, and a v1 matches.</summary>
    public static bool Verify(string secret, string header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var (key, value) = part.IndexOf('=') is var eq and > 0 ? (part[..eq].Trim(), part[(eq + 1)..].Trim()) : ("", "");
            if (key == "t")
            {
                t = value;
            }
            else if (key == "v1")
            {
                signatures.Add(value);
            }
        }
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }
        var expected = Mac(secret, t!, body);
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var signature in signatures)
        {
            if (signature.Length == given.Length * 2 && Convert.FromHexString(signature, given, out _, out _) == System.Buffers.OperationStatus.Done
                && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return true;
            }
        }
        return false;
    }

    private static byte[] Mac(string secret, string t, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(t + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}

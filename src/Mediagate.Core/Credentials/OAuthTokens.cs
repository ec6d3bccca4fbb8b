using System.Globalization;

namespace Mediagate.Credentials;

/// <summary>The OAuth block of the credentials file.</summary>
public sealed record OAuthTokens(
    string AccessToken,
    string? RefreshToken = null,
    DateTimeOffset? ExpiresAt = null,
    string? Scope = null,
    string? TokenType = null)
{
    /// <summary>How long before <see cref="ExpiresAt"/> a token already counts as expired.</summary>
    public static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(60);

    /// <summary>True when the token has no more than <see cref="ExpirySkew"/> left at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && at - ExpirySkew < now;

    /// <summary>True when a refresh token is present.</summary>
    public bool IsRefreshable => RefreshToken is not null;

    /// <summary>Formats a time as the peer writes it: ISO-8601 UTC with milliseconds and a Z.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

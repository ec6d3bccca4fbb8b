namespace Mediagate.Credentials.OAuth;

/// <summary>A token endpoint's answer.</summary>
public sealed record OAuthTokenSet(string AccessToken, string? RefreshToken, string? TokenType, string? Scope, double? ExpiresIn)
{
    /// <summary>The least lifetime stored, whatever the server says, as the peer does.</summary>
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromSeconds(30);

    /// <summary>The tokens as stored in the credentials file, with <c>expires_at = now + max(expires_in, 30 s)</c>.</summary>
    public OAuthTokens ToStored(DateTimeOffset now) => new(
        AccessToken,
        RefreshToken,
        ExpiresIn is { } seconds ? now + TimeSpan.FromSeconds(Math.Max(seconds, MinimumLifetime.TotalSeconds)) : null,
        Scope,
        TokenType);
}

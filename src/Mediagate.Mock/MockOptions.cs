namespace Mediagate.Mock;

/// <summary>What the mock accepts. With no configuration it accepts the documented defaults, so anyone can start it and point a tool at it.</summary>
public sealed record MockOptions
{
    /// <summary>The default HeyGen API key.</summary>
    public const string DefaultHeyGenKey = "mock-heygen-key";

    /// <summary>The default OAuth client id.</summary>
    public const string DefaultClientId = "mock-client";

    /// <summary>HeyGen API keys and the account each belongs to.</summary>
    public IReadOnlyDictionary<string, MockUser> HeyGenApiKeys { get; init; } =
        new Dictionary<string, MockUser> { [DefaultHeyGenKey] = new("demo@example.com") };

    /// <summary>OAuth client ids that may sign in.</summary>
    public IReadOnlySet<string> OAuthClientIds { get; init; } = new HashSet<string> { DefaultClientId };

    /// <summary>The account that OAuth sign-ins belong to.</summary>
    public MockUser OAuthUser { get; init; } = new("oauth@example.com", "Olivia", "Auth", "olivia");

    /// <summary>How long issued access tokens live, in seconds.</summary>
    public int AccessTokenLifetimeSeconds { get; init; } = 3600;

    /// <summary>Whether a refresh issues a new refresh token.</summary>
    public bool RotateRefreshTokens { get; init; }

    /// <summary>Whether <c>/v3/users/me</c> wraps its answer as <c>{code, message, data}</c> (true) or answers bare.</summary>
    public bool WrapResponses { get; init; } = true;

    /// <summary>The device poll interval the mock asks for, in seconds.</summary>
    public int DeviceIntervalSeconds { get; init; } = 5;

    /// <summary>How long a device code lives, in seconds.</summary>
    public int DeviceExpiresInSeconds { get; init; } = 900;
}

namespace Mediagate.Mock;

/// <summary>What the mock accepts. With no configuration it accepts the documented defaults, so anyone can start it and point a tool at it.</summary>
public sealed record MockOptions
{
    /// <summary>The default HeyGen API key.</summary>
    public const string DefaultHeyGenKey = "mock-heygen-key";

    /// <summary>The default OAuth client id.</summary>
    public const string DefaultClientId = "mock-client";

    /// <summary>The default web login's email.</summary>
    public const string DefaultWebEmail = "demo@example.com";

    /// <summary>The default web login's password.</summary>
    public const string DefaultWebPassword = "demo-password";

    /// <summary>The default ElevenLabs key.</summary>
    public const string DefaultElevenLabsKey = "mock-elevenlabs-key";

    /// <summary>The default Gemini key.</summary>
    public const string DefaultGeminiKey = "mock-gemini-key";

    /// <summary>The default OpenRouter key.</summary>
    public const string DefaultOpenRouterKey = "mock-openrouter-key";

    /// <summary>HeyGen API keys and the account each belongs to.</summary>
    public IReadOnlyDictionary<string, MockUser> HeyGenApiKeys { get; init; } =
        new Dictionary<string, MockUser> { [DefaultHeyGenKey] = new(DefaultWebEmail) };

    /// <summary>HeyGen web logins: email to password.</summary>
    public IReadOnlyDictionary<string, string> WebAccounts { get; init; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [DefaultWebEmail] = DefaultWebPassword };

    /// <summary>How long a web login session lives, in seconds.</summary>
    public int SessionLifetimeSeconds { get; init; } = 3600;

    /// <summary>OAuth client ids that may sign in.</summary>
    public IReadOnlySet<string> OAuthClientIds { get; init; } = new HashSet<string> { DefaultClientId };

    /// <summary>The account that OAuth sign-ins belong to.</summary>
    public MockUser OAuthUser { get; init; } = new("oauth@example.com", "Olivia", "Auth", "olivia");

    /// <summary>Accepted ElevenLabs keys.</summary>
    public IReadOnlySet<string> ElevenLabsKeys { get; init; } = new HashSet<string> { DefaultElevenLabsKey };

    /// <summary>Accepted Gemini keys.</summary>
    public IReadOnlySet<string> GeminiKeys { get; init; } = new HashSet<string> { DefaultGeminiKey };

    /// <summary>Accepted OpenRouter keys.</summary>
    public IReadOnlySet<string> OpenRouterKeys { get; init; } = new HashSet<string> { DefaultOpenRouterKey };

    /// <summary>How long issued access tokens live, in seconds.</summary>
    public int AccessTokenLifetimeSeconds { get; init; } = 3600;

    /// <summary>Whether a refresh issues a new refresh token.</summary>
    public bool RotateRefreshTokens { get; init; }

    /// <summary>Whether HeyGen answers are wrapped as <c>{code, message, data}</c> (true) or carry <c>data</c> alone.</summary>
    public bool WrapResponses { get; init; } = true;

    /// <summary>Whether the sound search answers in the older object form keyed by index instead of an array.</summary>
    public bool IndexKeyedSounds { get; init; }

    /// <summary>The device poll interval the mock asks for, in seconds.</summary>
    public int DeviceIntervalSeconds { get; init; } = 5;

    /// <summary>How long a device code lives, in seconds.</summary>
    public int DeviceExpiresInSeconds { get; init; } = 900;

    /// <summary>
    /// The base URL that goes into media URLs (<c>audio_url</c>) and the printed <c>export</c> lines instead of
    /// <c>http://127.0.0.1:PORT</c>, e.g. <c>http://mock.test</c>; without a port of its own it gets the mock's.
    /// </summary>
    /// <remarks>The peer's pipeline refuses to download media from loopback or private addresses, so it needs a host name.</remarks>
    public string? PublicUrl { get; init; }

    /// <summary>Faults in force from the start (from <c>--config</c>).</summary>
    public IReadOnlyList<Faults.FaultRule> Faults { get; init; } = [];
}

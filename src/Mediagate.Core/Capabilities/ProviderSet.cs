using Mediagate.Credentials;
using Mediagate.Http;
using Mediagate.Platform;
using Mediagate.Providers;
using Mediagate.Providers.ElevenLabs;
using Mediagate.Providers.Gemini;
using Mediagate.Providers.HeyGen;
using Mediagate.Providers.OpenRouter;

namespace Mediagate.Capabilities;

/// <summary>
/// The provider clients that the environment and the HeyGen credential allow, each built once on first use, all sharing one
/// HTTP client, one retry policy (<see cref="RetryPolicy.FromEnvironment"/>) and the base URLs of <see cref="ProviderEndpoints"/>.
/// </summary>
public sealed class ProviderSet
{
    private readonly Lazy<HttpClient> _http;
    private readonly Lazy<HeyGenSession?> _session;
    private readonly Lazy<HeyGenClient> _heygen;
    private readonly Lazy<ElevenLabsClient?> _elevenLabs;
    private readonly Lazy<GeminiClient?> _gemini;
    private readonly Lazy<OpenRouterClient?> _openRouter;

    /// <summary>Creates the set.</summary>
    /// <param name="environment">Keys, base URLs and retry settings.</param>
    /// <param name="http">Gives the shared client; called only when a cloud client is built, so local-only work never creates one.</param>
    /// <param name="time">The clock for backoff waits.</param>
    /// <param name="heygen">The resolved HeyGen credential, if any.</param>
    public ProviderSet(EnvironmentVariables environment, Func<HttpClient> http, TimeProvider time, CredentialResolution heygen)
    {
        Environment = environment;
        Resolution = heygen;
        Time = time;
        _http = new Lazy<HttpClient>(http);
        Endpoints = ProviderEndpoints.From(environment);
        Policy = RetryPolicy.FromEnvironment(environment);
        _session = new(() => heygen.Credential is { } credential ? new HeyGenAuth(environment, _http.Value, time).Session(credential) : null);
        _heygen = new(() => new HeyGenClient(_http.Value, Endpoints.HeyGen, Policy, time));
        _elevenLabs = new(() => environment.Get(ElevenLabsKey) is { } key ? new ElevenLabsClient(_http.Value, Endpoints.ElevenLabs, key, Policy, time) : null);
        _gemini = new(() => environment.FirstSet(GoogleKeys) is { } key ? new GeminiClient(_http.Value, Endpoints.Gemini, key.Value, Policy, time) : null);
        _openRouter = new(() => environment.Get(OpenRouterKey) is { } key ? new OpenRouterClient(_http.Value, Endpoints.OpenRouter, key, Policy, time) : null);
    }

    /// <summary>The variable that holds the ElevenLabs key.</summary>
    public const string ElevenLabsKey = "ELEVENLABS_API_KEY";

    /// <summary>The variable that holds the OpenRouter key.</summary>
    public const string OpenRouterKey = "OPENROUTER_API_KEY";

    /// <summary>The variables that hold a Google key, first match wins.</summary>
    public static readonly string[] GoogleKeys = ["GEMINI_API_KEY", "GOOGLE_API_KEY"];

    /// <summary>Keys, base URLs and retry settings.</summary>
    public EnvironmentVariables Environment { get; }

    /// <summary>The HeyGen credential as resolution found it.</summary>
    public CredentialResolution Resolution { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The base URLs in force.</summary>
    public ProviderEndpoints Endpoints { get; }

    /// <summary>The retries and timeouts in force.</summary>
    public RetryPolicy Policy { get; }

    /// <summary>The HeyGen session, or null with no credential.</summary>
    public HeyGenSession? HeyGenSession => _session.Value;

    /// <summary>The HeyGen media client.</summary>
    public HeyGenClient HeyGen() => _heygen.Value;

    /// <summary>The ElevenLabs client, or null with no <c>ELEVENLABS_API_KEY</c>.</summary>
    public ElevenLabsClient? ElevenLabs() => _elevenLabs.Value;

    /// <summary>The Gemini client (<c>GEMINI_API_KEY</c>, then <c>GOOGLE_API_KEY</c>), or null.</summary>
    public GeminiClient? Gemini() => _gemini.Value;

    /// <summary>The OpenRouter client, or null with no <c>OPENROUTER_API_KEY</c>.</summary>
    public OpenRouterClient? OpenRouter() => _openRouter.Value;

    /// <summary>Whether a provider keyed by one of <paramref name="variables"/> can serve, naming the key's source.</summary>
    public Availability KeyAvailability(params string[] variables) =>
        Environment.FirstSet(variables) is { } found
            ? Availability.Ready(ChainWording.KeyFrom(found.Name), new CredentialRef(found.Name, ChainWording.KeyFix(found.Name)))
            : Availability.Unavailable(ChainWording.NoKey(variables));

    /// <summary>Whether a HeyGen provider can serve, naming the credential's source.</summary>
    public Availability HeyGenAvailability =>
        Resolution.Credential is { } credential
            ? Availability.Ready(ChainWording.HeyGenKey(credential), new CredentialRef(credential.SourceLabel, ChainWording.HeyGenFix(credential)))
            : Availability.Unavailable(ChainWording.NoHeyGenKey);

    /// <summary>The HeyGen session, or an error for a provider called without one (the chain never does).</summary>
    internal HeyGenSession RequireHeyGen() => HeyGenSession ?? throw new ProviderUnavailableException(ChainWording.NoHeyGenKey);
}

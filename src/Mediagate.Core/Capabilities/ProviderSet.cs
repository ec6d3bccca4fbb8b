using Mediagate.Capabilities.Voice;
using Mediagate.Credentials;
using Mediagate.Http;
using Mediagate.Local.Voice;
using Mediagate.Platform;
using Mediagate.Providers;
using Mediagate.Providers.ElevenLabs;
using Mediagate.Providers.Gemini;
using Mediagate.Providers.HeyGen;
using Mediagate.Providers.OpenRouter;

namespace Mediagate.Capabilities;

/// <summary>
/// Builds the provider clients that the environment and the HeyGen credential allow, all sharing one HTTP client, one retry
/// policy (<see cref="RetryPolicy.FromEnvironment"/>) and the base URLs of <see cref="ProviderEndpoints"/>.
/// </summary>
public sealed class ProviderSet
{
    private readonly EnvironmentVariables _environment;
    private readonly Lazy<HttpClient> _http;
    private readonly TimeProvider _time;
    private readonly Lazy<HeyGenSession?> _session;

    /// <summary>Creates the set.</summary>
    /// <param name="environment">Keys, base URLs and retry settings.</param>
    /// <param name="http">Gives the shared client; called only when a cloud client is built, so local-only work never creates one.</param>
    /// <param name="time">The clock for backoff waits.</param>
    /// <param name="heygen">The resolved HeyGen credential, if any.</param>
    public ProviderSet(EnvironmentVariables environment, Func<HttpClient> http, TimeProvider time, CredentialResolution heygen)
    {
        _environment = environment;
        _http = new Lazy<HttpClient>(http);
        _time = time;
        Endpoints = ProviderEndpoints.From(environment);
        Policy = RetryPolicy.FromEnvironment(environment);
        _session = new Lazy<HeyGenSession?>(() => heygen.Credential is { } credential ? new HeyGenAuth(environment, _http.Value, time).Session(credential) : null);
    }

    /// <summary>The base URLs in force.</summary>
    public ProviderEndpoints Endpoints { get; }

    /// <summary>The retries and timeouts in force.</summary>
    public RetryPolicy Policy { get; }

    /// <summary>The HeyGen session, or null with no credential.</summary>
    public HeyGenSession? HeyGenSession => _session.Value;

    /// <summary>The HeyGen media client.</summary>
    public HeyGenClient HeyGen() => new(_http.Value, Endpoints.HeyGen, Policy, _time);

    /// <summary>The ElevenLabs client, or null with no <c>ELEVENLABS_API_KEY</c>.</summary>
    public ElevenLabsClient? ElevenLabs() =>
        _environment.Get("ELEVENLABS_API_KEY") is { } key ? new ElevenLabsClient(_http.Value, Endpoints.ElevenLabs, key, Policy, _time) : null;

    /// <summary>The Gemini client (<c>GEMINI_API_KEY</c>, then <c>GOOGLE_API_KEY</c>), or null.</summary>
    public GeminiClient? Gemini() =>
        _environment.FirstSet("GEMINI_API_KEY", "GOOGLE_API_KEY") is { } key ? new GeminiClient(_http.Value, Endpoints.Gemini, key.Value, Policy, _time) : null;

    /// <summary>The OpenRouter client, or null with no <c>OPENROUTER_API_KEY</c>.</summary>
    public OpenRouterClient? OpenRouter() =>
        _environment.Get("OPENROUTER_API_KEY") is { } key ? new OpenRouterClient(_http.Value, Endpoints.OpenRouter, key, Policy, _time) : null;

    /// <summary>The voice provider with this id: heygen, elevenlabs or local.</summary>
    /// <exception cref="ArgumentException">The id is unknown, or its credential is missing.</exception>
    public IVoiceProvider Voice(string id) => id switch
    {
        "heygen" => new HeyGenVoiceProvider(HeyGen(), HeyGenSession ?? throw new ArgumentException("no HeyGen credential", nameof(id))),
        "elevenlabs" => new ElevenLabsVoiceProvider(ElevenLabs() ?? throw new ArgumentException("no ELEVENLABS_API_KEY", nameof(id))),
        "local" => new LocalVoiceEngine(),
        _ => throw new ArgumentException($"unknown voice provider '{id}'", nameof(id)),
    };
}

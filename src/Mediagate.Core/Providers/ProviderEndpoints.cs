using Mediagate.Platform;
using Mediagate.Providers.HeyGen;

namespace Mediagate.Providers;

/// <summary>Every provider's base URL, each overridable by an environment variable so that tests and <c>mediagate mock</c> can stand in.</summary>
/// <param name="HeyGen"><c>HEYGEN_API_BASE</c> (a host gateway; wins), else <c>HEYGEN_API_URL</c>, default <c>https://api.heygen.com</c> (see <see cref="HeyGenBase"/>).</param>
/// <param name="HeyGenWeb"><c>MEDIAGATE_HEYGEN_WEB_URL</c>, default <c>https://api2.heygen.com</c>: the web login the gateway uses.</param>
/// <param name="ElevenLabs"><c>ELEVENLABS_API_URL</c>, default <c>https://api.elevenlabs.io</c>.</param>
/// <param name="Gemini"><c>GEMINI_API_URL</c>, default <c>https://generativelanguage.googleapis.com</c>.</param>
/// <param name="OpenRouter"><c>OPENROUTER_API_URL</c>, default <c>https://openrouter.ai</c>.</param>
public sealed record ProviderEndpoints(Uri HeyGen, Uri HeyGenWeb, Uri ElevenLabs, Uri Gemini, Uri OpenRouter)
{
    /// <summary>The variables and defaults, in the order the README lists them.</summary>
    public static IReadOnlyList<(string Variable, string Default)> Variables { get; } =
    [
        ("HEYGEN_API_URL", HeyGenApi.DefaultBaseUrl),
        ("MEDIAGATE_HEYGEN_WEB_URL", "https://api2.heygen.com"),
        ("ELEVENLABS_API_URL", "https://api.elevenlabs.io"),
        ("GEMINI_API_URL", "https://generativelanguage.googleapis.com"),
        ("OPENROUTER_API_URL", "https://openrouter.ai"),
    ];

    /// <summary>The endpoints the environment selects.</summary>
    public static ProviderEndpoints From(EnvironmentVariables environment)
    {
        var urls = Variables.Select(v => new Uri((environment.Get(v.Variable) ?? v.Default).TrimEnd('/') + "/")).ToArray();
        return new ProviderEndpoints(HeyGenApi.BaseUrl(environment), urls[1], urls[2], urls[3], urls[4]);
    }
}

using Mediagate.Credentials;
using Mediagate.Platform;

namespace Mediagate.Capabilities;

/// <summary>
/// Decides, per capability, which provider the present credentials select: the first link whose key is present wins,
/// and every other link says why it was passed over or that it stands by as the fallback.
/// </summary>
public sealed class CapabilityChains
{
    private const string HeyGenFix = "no key: set HEYGEN_API_KEY or run `mediagate auth login`";

    private const string NotBuilt = "not in this Mediagate build yet";

    private readonly EnvironmentVariables _environment;
    private readonly LocalEngines _local;
    private readonly IReadOnlySet<string> _built;

    /// <summary>Creates the chains over an environment, a probe of the local engines, and the local engines this build has.</summary>
    public CapabilityChains(EnvironmentVariables environment, LocalEngines local, IReadOnlySet<string>? builtLocalEngines = null)
    {
        _environment = environment;
        _local = local;
        _built = builtLocalEngines ?? LocalEngines.Built;
    }

    /// <summary>Explains every capability.</summary>
    public IReadOnlyList<ChainDecision> ExplainAll(CredentialResolution heygen) =>
        [Explain(Capability.Voice, heygen), Explain(Capability.Music, heygen), Explain(Capability.SoundEffects, heygen), Explain(Capability.Describe, heygen)];

    /// <summary>Explains one capability's chain.</summary>
    public ChainDecision Explain(Capability capability, CredentialResolution heygen)
    {
        var heygenLink = heygen.Credential is { } credential
            ? Candidate("heygen", "HeyGen", $"{credential.Type.ToWire()} from {credential.SourceLabel}")
            : Candidate("heygen", "HeyGen", null, HeyGenFix);
        var links = capability switch
        {
            Capability.Voice =>
            [
                heygenLink,
                KeyCandidate("elevenlabs", "ElevenLabs", "ELEVENLABS_API_KEY"),
                !_built.Contains("voice") ? Candidate("local", "local (eSpeak NG)", null, NotBuilt)
                : _local.ESpeakLibrary is null || !_local.ESpeakData
                    ? Candidate("local", "local (eSpeak NG)", null, "not installed: apt-get install libespeak-ng1 espeak-ng-data")
                    : Candidate("local", "local (eSpeak NG)", "no key needed"),
            ],
            Capability.Music =>
            [
                heygenLink with { Label = "HeyGen library" },
                KeyCandidate("lyria", "Google Lyria", "GEMINI_API_KEY", "GOOGLE_API_KEY"),
                !_built.Contains("music") ? Candidate("local", "local composer (FluidSynth)", null, NotBuilt)
                : _local.FluidSynthLibrary is null || _local.SoundFont is null
                    ? Candidate("local", "local composer (FluidSynth)", null, "not installed: apt-get install libfluidsynth3 timgm6mb-soundfont")
                    : Candidate("local", "local composer (FluidSynth)", $"no key needed; SoundFont {Path.GetFileName(_local.SoundFont)}"),
            ],
            Capability.SoundEffects =>
            [
                heygenLink with { Label = "HeyGen library" },
                _built.Contains("sfx") ? Candidate("local", "bundled library", "no key needed") : Candidate("local", "bundled library", null, NotBuilt),
            ],
            _ =>
            new[]
            {
                KeyCandidate("openrouter", "OpenRouter", "OPENROUTER_API_KEY"),
                KeyCandidate("gemini", "Gemini", "GEMINI_API_KEY", "GOOGLE_API_KEY"),
            },
        };
        return Decide(capability, links);
    }

    private static ChainDecision Decide(Capability capability, IReadOnlyList<(string Provider, string Label, string? Ready, string? Unavailable)> candidates)
    {
        string? chosen = null;
        var links = new List<ProviderLink>(candidates.Count);
        foreach (var (provider, label, ready, unavailable) in candidates)
        {
            if (ready is null)
            {
                links.Add(new ProviderLink(provider, label, LinkState.Skipped, unavailable!));
            }
            else if (chosen is null)
            {
                chosen = provider;
                links.Add(new ProviderLink(provider, label, LinkState.Chosen, ready));
            }
            else
            {
                links.Add(new ProviderLink(provider, label, LinkState.Standby, $"fallback if {chosen} fails ({ready})"));
            }
        }
        return new ChainDecision(capability, chosen, links);
    }

    private (string, string, string?, string?) KeyCandidate(string provider, string label, params string[] variables) =>
        _environment.FirstSet(variables) is { } found
            ? Candidate(provider, label, $"key from {found.Name}")
            : Candidate(provider, label, null, $"no key: set {string.Join(" or ", variables)}");

    private static (string Provider, string Label, string? Ready, string? Unavailable) Candidate(
        string provider, string label, string? ready, string? unavailable = null) => (provider, label, ready, unavailable);
}

using Mediagate.Credentials;
using Mediagate.Platform;

namespace Mediagate.Capabilities;

/// <summary>
/// Decides, per capability, which provider the present credentials select: the first link whose key is present (and whose
/// code this build has) wins, and every other link says why it was passed over or that it stands by as the fallback.
/// </summary>
public sealed class CapabilityChains
{
    private const string HeyGenFix = "no key: set HEYGEN_API_KEY or run `mediagate auth login`";
    private const string NotBuilt = "not in this Mediagate build yet";

    private readonly EnvironmentVariables _environment;
    private readonly LocalEngines _local;
    private readonly IReadOnlySet<string> _built;

    /// <summary>Creates the chains over an environment, a probe of the local engines, and the providers this build has (<see cref="BuiltProviders"/>).</summary>
    public CapabilityChains(EnvironmentVariables environment, LocalEngines local, IReadOnlySet<string>? builtProviders = null)
    {
        _environment = environment;
        _local = local;
        _built = builtProviders ?? BuiltProviders.Current;
    }

    /// <summary>Explains every capability.</summary>
    public IReadOnlyList<ChainDecision> ExplainAll(CredentialResolution heygen) =>
        [Explain(Capability.Voice, heygen), Explain(Capability.Music, heygen), Explain(Capability.SoundEffects, heygen), Explain(Capability.Describe, heygen)];

    /// <summary>Explains one capability's chain.</summary>
    public ChainDecision Explain(Capability capability, CredentialResolution heygen)
    {
        var heygenLink = heygen.Credential is { } credential
            ? new Candidate("heygen", "HeyGen", $"{credential.Type.ToWire()} from {credential.SourceLabel}")
            : new Candidate("heygen", "HeyGen", null, HeyGenFix);
        Candidate[] candidates = capability switch
        {
            Capability.Voice =>
            [
                heygenLink,
                KeyCandidate("elevenlabs", "ElevenLabs", "ELEVENLABS_API_KEY"),
                _local.ESpeakLibrary is null || !_local.ESpeakData
                    ? new Candidate("local", "local (eSpeak NG)", null, "not installed: apt-get install libespeak-ng1 espeak-ng-data")
                    : new Candidate("local", "local (eSpeak NG)", "no key needed"),
            ],
            Capability.Music =>
            [
                heygenLink with { Label = "HeyGen library" },
                KeyCandidate("lyria", "Google Lyria", "GEMINI_API_KEY", "GOOGLE_API_KEY"),
                _local.FluidSynthLibrary is null || _local.SoundFont is null
                    ? new Candidate("local", "local composer (FluidSynth)", null, "not installed: apt-get install libfluidsynth3 timgm6mb-soundfont")
                    : new Candidate("local", "local composer (FluidSynth)", $"no key needed; SoundFont {Path.GetFileName(_local.SoundFont)}"),
            ],
            Capability.SoundEffects =>
            [
                heygenLink with { Label = "HeyGen library" },
                new Candidate("local", "bundled library", "no key needed"),
            ],
            _ =>
            [
                KeyCandidate("openrouter", "OpenRouter", "OPENROUTER_API_KEY"),
                KeyCandidate("gemini", "Gemini", "GEMINI_API_KEY", "GOOGLE_API_KEY"),
            ],
        };
        var decision = new ChainDecision(capability, null, []);
        // A provider this build lacks says so whatever else holds: a key or a package would not make it usable.
        return Decide(capability, candidates.Select(c => _built.Contains($"{decision.Name}:{c.Provider}")
            ? c
            : c with { Ready = null, Unavailable = c.Ready is null ? NotBuilt : $"{c.Ready}, but {NotBuilt}" }));
    }

    private static ChainDecision Decide(Capability capability, IEnumerable<Candidate> candidates)
    {
        string? chosen = null;
        var links = new List<ProviderLink>();
        foreach (var candidate in candidates)
        {
            if (candidate.Ready is null)
            {
                links.Add(new ProviderLink(candidate.Provider, candidate.Label, LinkState.Skipped, candidate.Unavailable!));
            }
            else if (chosen is null)
            {
                chosen = candidate.Provider;
                links.Add(new ProviderLink(candidate.Provider, candidate.Label, LinkState.Chosen, candidate.Ready));
            }
            else
            {
                links.Add(new ProviderLink(candidate.Provider, candidate.Label, LinkState.Standby, $"fallback if {chosen} fails ({candidate.Ready})"));
            }
        }
        return new ChainDecision(capability, chosen, links);
    }

    private Candidate KeyCandidate(string provider, string label, params string[] variables) =>
        _environment.FirstSet(variables) is { } found
            ? new Candidate(provider, label, $"key from {found.Name}")
            : new Candidate(provider, label, null, $"no key: set {string.Join(" or ", variables)}");

    /// <summary>A link before the decision: ready (with why) or unavailable (with why).</summary>
    private sealed record Candidate(string Provider, string Label, string? Ready, string? Unavailable = null);
}

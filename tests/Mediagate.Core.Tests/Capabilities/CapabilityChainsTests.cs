using Mediagate.Capabilities;
using Mediagate.Credentials;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Capabilities;

public sealed class CapabilityChainsTests : IDisposable
{
    private static readonly LocalEngines AllInstalled = new(_ => true, _ => true, _ => ["/usr/share/sounds/sf2/TimGM6mb.sf2", "/usr/share/sounds/sf2/FluidR3_GM.sf2"]);
    private static readonly LocalEngines NothingInstalled = new(_ => false, _ => false, _ => []);
    private static readonly IReadOnlySet<string> AllBuilt = BuiltProviders.All;
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private IReadOnlyList<ChainDecision> Explain(LocalEngines local, IReadOnlySet<string>? built = null)
    {
        var resolution = new HeyGenCredentialResolver(_home.Environment, CredentialFileStore.ForEnvironment(_home.Environment), TimeProvider.System).Resolve();
        return new CapabilityChains(_home.Environment, local, built ?? AllBuilt).ExplainAll(resolution);
    }

    [Fact]
    public void WithNoKeysTheLocalEnginesServeAndEveryCloudLinkSaysWhichKeyIsMissing()
    {
        var decisions = Explain(AllInstalled);

        Assert.Equal(["local", "local", "local", null], decisions.Select(d => d.Chosen));
        var voice = decisions[0].Links;
        Assert.Equal(new ProviderLink("heygen", "HeyGen", LinkState.Skipped, "no key: set HEYGEN_API_KEY or run `mediagate auth login`"), voice[0]);
        Assert.Equal(new ProviderLink("elevenlabs", "ElevenLabs", LinkState.Skipped, "no key: set ELEVENLABS_API_KEY"), voice[1]);
        Assert.Equal(new ProviderLink("local", "local (eSpeak NG)", LinkState.Chosen, "no key needed"), voice[2]);
        Assert.Equal("no key needed; SoundFont FluidR3_GM.sf2", decisions[1].Links[2].Reason);
        Assert.Equal("no key: set GEMINI_API_KEY or GOOGLE_API_KEY", decisions[3].Links[1].Reason);
    }

    [Fact]
    public void TheHeyGenCredentialWinsEveryHeyGenChainAndLaterLinksStandBy()
    {
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_env_key";
        _home.Variables["ELEVENLABS_API_KEY"] = "xi-key";

        var voice = Explain(AllInstalled)[0];

        Assert.Equal("heygen", voice.Chosen);
        Assert.Equal("api_key from env (HEYGEN_API_KEY)", voice.Links[0].Reason);
        Assert.Equal(new ProviderLink("elevenlabs", "ElevenLabs", LinkState.Standby, "fallback if heygen fails (key from ELEVENLABS_API_KEY)"), voice.Links[1]);
        Assert.Equal(LinkState.Standby, voice.Links[2].State);
    }

    [Fact]
    public void GoogleApiKeyServesLyriaAndGeminiWhenGeminiApiKeyIsUnset()
    {
        _home.Variables["GOOGLE_API_KEY"] = "g-key";

        var decisions = Explain(AllInstalled);

        Assert.Equal("lyria", decisions[1].Chosen);
        Assert.Equal("key from GOOGLE_API_KEY", decisions[1].Links[1].Reason);
        Assert.Equal("gemini", decisions[3].Chosen);
    }

    [Fact]
    public void OpenRouterComesBeforeGeminiForDescriptions()
    {
        _home.Variables["GEMINI_API_KEY"] = "g-key";
        _home.Variables["OPENROUTER_API_KEY"] = "or-key";

        Assert.Equal("openrouter", Explain(AllInstalled)[3].Chosen);
    }

    [Fact]
    public void AMissingLocalEngineNamesTheDebianPackagesToInstall()
    {
        var decisions = Explain(NothingInstalled);

        Assert.Null(decisions[0].Chosen);
        Assert.Equal("not installed: apt-get install libespeak-ng1 espeak-ng-data", decisions[0].Links[2].Reason);
        Assert.Equal("not installed: apt-get install libfluidsynth3 timgm6mb-soundfont", decisions[1].Links[2].Reason);
        Assert.Equal("local", decisions[2].Chosen);
    }

    [Fact]
    public void AProviderThatThisBuildLacksIsNeverClaimedEvenWithAKey()
    {
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_env_key";

        var decisions = Explain(AllInstalled, new HashSet<string> { "voice:local" });

        Assert.Equal("local", decisions[0].Chosen);
        Assert.Equal("api_key from env (HEYGEN_API_KEY), but not in this Mediagate build yet", decisions[0].Links[0].Reason);
        Assert.Equal("no key needed, but not in this Mediagate build yet", decisions[2].Links[1].Reason);
        Assert.Equal("not in this Mediagate build yet", decisions[3].Links[0].Reason);
        Assert.All(decisions.Skip(1), d => Assert.Null(d.Chosen));
    }

    [Fact]
    public void ThisBuildHasTheLocalVoiceAndTheBundledSoundEffects() => Assert.Superset(new HashSet<string> { "voice:local", "sfx:local", "music:local" }, BuiltProviders.Current.ToHashSet());
}

using Mediagate.Capabilities;
using Mediagate.Credentials;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Capabilities;

public sealed class CapabilityChainsTests : IDisposable
{
    private static readonly LocalEngines AllInstalled = new(_ => true, _ => true, _ => ["/usr/share/sounds/sf2/TimGM6mb.sf2", "/usr/share/sounds/sf2/FluidR3_GM.sf2"]);
    private static readonly LocalEngines NothingInstalled = new(_ => false, _ => false, _ => []);
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private CapabilityChains Chains(LocalEngines local)
    {
        var resolution = new HeyGenCredentialResolver(_home.Environment, CredentialFileStore.ForEnvironment(_home.Environment), TimeProvider.System).Resolve();
        return new CapabilityChains(new ProviderSet(_home.Environment, () => throw new InvalidOperationException("explaining a chain must not build an HTTP client"), TimeProvider.System, resolution), local);
    }

    private IReadOnlyList<ChainDecision> Explain(LocalEngines local) => Chains(local).ExplainAll();

    [Fact]
    public void WithNoKeysTheLocalEnginesServeAndEveryCloudLinkSaysWhichKeyIsMissing()
    {
        var decisions = Explain(AllInstalled);

        Assert.Equal(["local", "local", "local", null], decisions.Select(d => d.Chosen));
        var voice = decisions[0].Links;
        Assert.Equal(new ProviderLink("heygen", "HeyGen", LinkState.Skipped, "no key: set HEYGEN_API_KEY or run `mediagate auth login`"), voice[0]);
        Assert.Equal(new ProviderLink("elevenlabs", "ElevenLabs", LinkState.Skipped, "no key: set ELEVENLABS_API_KEY"), voice[1]);
        Assert.Equal(new ProviderLink("kokoro", "local (Kokoro-82M)", LinkState.Skipped, "model not installed: run `mediagate models pull kokoro`"), voice[2]);
        Assert.Equal(new ProviderLink("local", "local (eSpeak NG)", LinkState.Chosen, "no key needed"), voice[3]);
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
        Assert.Equal(LinkState.Standby, voice.Links[3].State);
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
        Assert.Equal("not installed: apt-get install libespeak-ng1 espeak-ng-data", decisions[0].Links[3].Reason);
        Assert.Equal("not installed: apt-get install libfluidsynth3 timgm6mb-soundfont", decisions[1].Links[2].Reason);
        Assert.Equal("local", decisions[2].Chosen);
    }

    [Fact]
    public void EveryChainHasTheBriefsLinksInTheBriefsOrder()
    {
        var decisions = Explain(AllInstalled);

        Assert.Equal(["voice", "music", "sfx", "describe"], decisions.Select(d => d.Name));
        Assert.Equal(
        [
            "heygen elevenlabs kokoro local",
            "heygen lyria local",
            "heygen local",
            "openrouter gemini",
        ], decisions.Select(d => string.Join(' ', d.Links.Select(l => l.Provider))));
    }

    [Fact]
    public void AKeyedLinkNamesItsKeysSourceAndFixForWhenItIsRejected()
    {
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_env_key";
        _home.Variables["ELEVENLABS_API_KEY"] = "xi-key";
        var chains = Chains(AllInstalled);

        Assert.Equal(new CredentialRef("env (HEYGEN_API_KEY)", "replace HEYGEN_API_KEY with a valid key, or unset it to use the signed-in account (`mediagate auth login`)"),
            chains.Voice.Find("heygen")!.Availability.Credential);
        Assert.Equal(new CredentialRef("ELEVENLABS_API_KEY", "replace ELEVENLABS_API_KEY with a valid key, or unset it to skip this provider"),
            chains.Voice.Find("elevenlabs")!.Availability.Credential);
        Assert.Null(chains.Voice.Find("local")!.Availability.Credential);
    }
}

using Mediagate.Capabilities.Describe;
using Mediagate.Capabilities.Effects;
using Mediagate.Capabilities.Music;
using Mediagate.Capabilities.Voice;
using Mediagate.Local.Kokoro;
using Mediagate.Local.Music;
using Mediagate.Local.Sfx;
using Mediagate.Local.Voice;
using Mediagate.Models;
using Mediagate.Providers.ElevenLabs;
using Mediagate.Providers.Gemini;
using Mediagate.Providers.HeyGen;
using Mediagate.Providers.OpenRouter;

namespace Mediagate.Capabilities;

/// <summary>
/// The four chains of the brief, in their order: voice (HeyGen → ElevenLabs → eSpeak NG, and Gemini TTS when named), music (HeyGen library → Lyria → local
/// composer), sound effects (HeyGen library → bundled library) and descriptions (OpenRouter → Gemini). Each instance is one run:
/// a link that falls over is skipped by the rest of the items that use this instance.
/// </summary>
public sealed class CapabilityChains
{
    /// <summary>Builds the chains over the clients the keys allow, a probe of the local engines, and the downloaded models.</summary>
    /// <param name="models">The model files Kokoro is pinned to; the built-in manifest by default.</param>
    public CapabilityChains(ProviderSet providers, LocalEngines local, ModelManifest? models = null)
    {
        Providers = providers;
        Voice = new(Capability.Voice, [new HeyGenVoiceProvider(providers), new ElevenLabsVoiceProvider(providers),
            KokoroInstall.Provider(ModelStore.FromEnvironment(providers.Environment, models)), new LocalVoiceEngine(local),
            new GeminiVoiceProvider(providers, local)]);
        Music = new(Capability.Music, [new HeyGenMusicProvider(providers), new LyriaMusicProvider(providers), new LocalMusicProvider(local)]);
        Effects = new(Capability.SoundEffects, [new HeyGenEffectProvider(providers), new LocalEffectProvider(providers.Environment)]);
        Describe = new(Capability.Describe, [new OpenRouterDescribeProvider(providers), new GeminiDescribeProvider(providers)]);
    }

    /// <summary>The clients the chains' cloud links use.</summary>
    public ProviderSet Providers { get; }

    /// <summary>Narration.</summary>
    public ProviderChain<IVoiceProvider> Voice { get; }

    /// <summary>Background music.</summary>
    public ProviderChain<IMusicProvider> Music { get; }

    /// <summary>Sound effects.</summary>
    public ProviderChain<IEffectProvider> Effects { get; }

    /// <summary>Image descriptions.</summary>
    public ProviderChain<IDescribeProvider> Describe { get; }

    /// <summary>Explains one capability's chain.</summary>
    public ChainDecision Explain(Capability capability) => capability switch
    {
        Capability.Voice => Voice.Explain(),
        Capability.Music => Music.Explain(),
        Capability.SoundEffects => Effects.Explain(),
        _ => Describe.Explain(),
    };

    /// <summary>Explains every capability, in the brief's order.</summary>
    public IReadOnlyList<ChainDecision> ExplainAll() =>
        [Voice.Explain(), Music.Explain(), Effects.Explain(), Describe.Explain()];
}

namespace Mediagate.Capabilities;

/// <summary>One link of a capability's chain: it says whether it can serve, and why.</summary>
public interface IProvider
{
    /// <summary>The provider's id, as <c>--provider</c> takes it (heygen, elevenlabs, local…).</summary>
    string Id { get; }

    /// <summary>A name for people, e.g. "HeyGen library" or "local (eSpeak NG)".</summary>
    string Label { get; }

    /// <summary>Whether the provider can serve here (a key, a library, a model), with the reason; cheap, and asks no network.</summary>
    Availability Availability { get; }

    /// <summary>True for a link that serves only when named (<c>--provider gemini</c>): <c>auto</c> never reaches it, and the chain's explanation leaves it out.</summary>
    /// <remarks>The peer offers Gemini TTS on request only; a voice that differs from the chain's should never be reached by a fallback.</remarks>
    bool ExplicitOnly => false;
}

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
}

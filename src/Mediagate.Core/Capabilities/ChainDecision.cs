namespace Mediagate.Capabilities;

/// <summary>The state of one provider in a capability's chain.</summary>
public enum LinkState
{
    /// <summary>This provider will serve the capability.</summary>
    Chosen,

    /// <summary>Passed over: no key, or not installed.</summary>
    Skipped,

    /// <summary>Usable, but an earlier link is chosen; it is the fallback if that one fails.</summary>
    Standby,

    /// <summary>Tried at run time and failed after its retries; the reason holds the error.</summary>
    Failed,
}

/// <summary>One provider in a chain, with why it has its state.</summary>
/// <param name="Provider">The provider's id, as <c>--provider</c> takes it (heygen, elevenlabs, local…).</param>
/// <param name="Label">A name for people, e.g. "HeyGen library" or "local (eSpeak NG)".</param>
/// <param name="Reason">Why it is chosen, skipped or on standby; names the key or package that would change it.</param>
public sealed record ProviderLink(string Provider, string Label, LinkState State, string Reason);

/// <summary>The one explanation of a capability's provider choice: what the CLI prints, <c>--json</c> serialises and the server returns.</summary>
/// <param name="Chosen">The chosen provider's id, or null when no provider can serve it.</param>
public sealed record ChainDecision(Capability Capability, string? Chosen, IReadOnlyList<ProviderLink> Links)
{
    /// <summary>The chain as it stands once <paramref name="provider"/> is known to reject its credential: that link fails, and the links behind it are not reached, since a rejected credential stops the run.</summary>
    public ChainDecision WithRejected(string provider, string fix)
    {
        if (Chosen != provider)
        {
            return this;
        }
        return this with
        {
            Links = Links.Select(l => l.Provider == provider ? l with { State = LinkState.Failed, Reason = ChainWording.RejectedNow(fix) }
                : l.State == LinkState.Standby ? l with { Reason = ChainWording.NotReached(provider) } : l).ToList(),
        };
    }

    /// <summary>The capability's name on the wire: voice, music, sfx or describe.</summary>
    public string Name => Capability switch
    {
        Capability.Voice => "voice",
        Capability.Music => "music",
        Capability.SoundEffects => "sfx",
        _ => "describe",
    };
}

using Mediagate.Audio;
using Mediagate.Http;
using Mediagate.Local.Music;
using Mediagate.Local.Voice;

namespace Mediagate.Capabilities;

/// <summary>What a provider's failure means for the chain (the classes of Azure.Identity's chained credential).</summary>
public enum FailureClass
{
    /// <summary>The provider cannot run here after all (a library or model is missing): skip it and record why.</summary>
    Unavailable,

    /// <summary>The provider rejected its credential (401, 403, Google's <c>API_KEY_INVALID</c>): stop and tell the user to fix it.</summary>
    RejectedCredential,

    /// <summary>Out of credits, rate-limited, 5xx, timed out or undecodable after the retries: in auto, fall over to the next link for the rest of the run.</summary>
    Exhausted,

    /// <summary>The provider has nothing for this item (no sound matches the name): try the next link for this item only.</summary>
    NoMatch,

    /// <summary>Not the provider's failure (bad input, a bug, cancellation): it propagates unchanged.</summary>
    NotAProviderFailure,
}

/// <summary>Sorts exceptions into <see cref="FailureClass"/>es, in one place for every chain.</summary>
public static class Failures
{
    /// <summary>The class of a failure.</summary>
    public static FailureClass Classify(Exception error) => error switch
    {
        ProviderException { Failure: ProviderFailure.KeyRejected } => FailureClass.RejectedCredential,
        ProviderException => FailureClass.Exhausted,
        WavFormatException => FailureClass.Exhausted,
        ProviderUnavailableException or VoiceEngineException or MusicEngineException or DllNotFoundException => FailureClass.Unavailable,
        NoMatchException => FailureClass.NoMatch,
        _ => FailureClass.NotAProviderFailure,
    };
}

/// <summary>A provider found at run time that it cannot serve (for example the gateway's pool has no account in service); the chain skips it.</summary>
public sealed class ProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A provider had nothing that matches this item; the chain tries the next link for this item only.</summary>
public sealed class NoMatchException(string message) : Exception(message);

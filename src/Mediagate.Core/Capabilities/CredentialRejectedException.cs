namespace Mediagate.Capabilities;

/// <summary>
/// A configured credential was rejected (401, 403, Google's <c>API_KEY_INVALID</c>). The run stops: a broken key is the user's
/// to fix, and falling over to another voice would hide it. The message names the provider, the credential's source and the fix.
/// </summary>
public sealed class CredentialRejectedException : Exception
{
    /// <summary>Creates the error.</summary>
    public CredentialRejectedException(ChainDecision decision, string label, CredentialRef? credential, Exception inner)
        : base(ChainWording.Rejected(label, credential, inner.Message), inner)
    {
        Decision = decision;
        Label = label;
        Credential = credential;
    }

    /// <summary>The chain as it played out, with the rejecting link marked failed.</summary>
    public ChainDecision Decision { get; }

    /// <summary>The provider that rejected the credential, for people.</summary>
    public string Label { get; }

    /// <summary>The credential's source and fix, when the provider knows them.</summary>
    public CredentialRef? Credential { get; }

    /// <summary>The fix to print.</summary>
    public string Fix => Credential?.Fix ?? "check the key (mediagate auth status), or choose another --provider";
}

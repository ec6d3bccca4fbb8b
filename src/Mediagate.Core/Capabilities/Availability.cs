namespace Mediagate.Capabilities;

/// <summary>Whether a provider can serve, and why: the key it would use, or what is missing and how to add it.</summary>
/// <param name="IsReady">True when the provider can be tried.</param>
/// <param name="Reason">For a ready provider, what it runs on (<c>key from ELEVENLABS_API_KEY</c>); otherwise what is missing and the fix.</param>
/// <param name="Credential">The credential it would send, so that a rejection can name it and its fix; null for local engines.</param>
public sealed record Availability(bool IsReady, string Reason, CredentialRef? Credential = null)
{
    /// <summary>The provider can be tried.</summary>
    public static Availability Ready(string reason, CredentialRef? credential = null) => new(true, reason, credential);

    /// <summary>The provider cannot serve here; the reason says how to change that.</summary>
    public static Availability Unavailable(string reason) => new(false, reason);
}

/// <summary>Where a provider's credential came from and how to fix it when the provider rejects it.</summary>
/// <param name="Source">For people: <c>env (HEYGEN_API_KEY)</c>, a file's path, <c>ELEVENLABS_API_KEY</c>.</param>
/// <param name="Fix">The command or change that repairs a rejected credential.</param>
public sealed record CredentialRef(string Source, string Fix);

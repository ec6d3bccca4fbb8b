using Mediagate.Providers.HeyGen;

namespace Mediagate.Credentials;

/// <summary>What <c>auth status</c> found.</summary>
/// <param name="Account">The live identity, when the API answered.</param>
/// <param name="ApiError">Why the API check failed, scrubbed.</param>
/// <param name="Refreshed">True when the OAuth token was refreshed on the way.</param>
public sealed record AuthStatusReport(CredentialResolution Resolution, HeyGenAccount? Account, string? ApiError, bool Refreshed)
{
    /// <summary>True when HeyGen rejected the credential (401/403): every run that would use it stops until it is fixed.</summary>
    public bool CredentialRejected { get; init; }
}

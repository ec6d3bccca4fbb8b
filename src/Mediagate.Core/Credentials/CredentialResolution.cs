namespace Mediagate.Credentials;

/// <summary>The result of resolving the HeyGen credential: the winner, if any, and every source with its reason.</summary>
public sealed record CredentialResolution(
    HeyGenCredential? Credential,
    IReadOnlyList<SourceCheck> Checks,
    string FilePath,
    StoredUser? PersistedUser,
    string? PermissionWarning)
{
    /// <summary>The HeyGen base URL the credential is sent to, and where that came from.</summary>
    public Providers.HeyGen.HeyGenBase? Base { get; init; }

    /// <summary>True when a HeyGen credential is present.</summary>
    public bool IsConfigured => Credential is not null;
}

namespace Mediagate.Credentials;

/// <summary>The result of resolving the HeyGen credential: the winner, if any, and every source with its reason.</summary>
public sealed record CredentialResolution(
    HeyGenCredential? Credential,
    IReadOnlyList<SourceCheck> Checks,
    string FilePath,
    StoredUser? PersistedUser,
    string? PermissionWarning)
{
    /// <summary>True when a HeyGen credential is present.</summary>
    public bool IsConfigured => Credential is not null;
}

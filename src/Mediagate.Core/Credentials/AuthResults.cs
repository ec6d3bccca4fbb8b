using Mediagate.Providers.HeyGen;

namespace Mediagate.Credentials;

/// <summary>How an API-key login ended.</summary>
public enum ApiKeyLoginOutcome
{
    /// <summary>HeyGen accepted the key; the <c>user</c> block was saved.</summary>
    Verified,

    /// <summary>HeyGen could not be asked (network or 5xx); the key was kept.</summary>
    Unverified,

    /// <summary>HeyGen rejected the key (401); the previous file was restored.</summary>
    Rejected,
}

/// <summary>The result of <c>auth login --api-key</c>.</summary>
/// <param name="RestoredPrevious">On rejection: true when an earlier file was restored, false when the new one was removed.</param>
/// <param name="ShadowedBy">An environment variable whose credential wins over the file, if any.</param>
public sealed record ApiKeyLoginResult(
    ApiKeyLoginOutcome Outcome,
    HeyGenAccount? Account,
    string? Problem,
    bool RestoredPrevious,
    string FilePath,
    string? ShadowedBy);

/// <summary>The result of a browser or device OAuth login.</summary>
/// <param name="IdentityProblem">Set when the tokens were saved but the identity check failed (the exit is still 0).</param>
public sealed record OAuthLoginResult(HeyGenAccount? Account, string? IdentityProblem, string FilePath, string? ShadowedBy);

/// <summary>What <c>auth status</c> found.</summary>
/// <param name="Account">The live identity, when the API answered.</param>
/// <param name="ApiError">Why the API check failed, scrubbed.</param>
/// <param name="Refreshed">True when the OAuth token was refreshed on the way.</param>
public sealed record AuthStatusReport(CredentialResolution Resolution, HeyGenAccount? Account, string? ApiError, bool Refreshed);

/// <summary>What <c>auth logout</c> did to the file.</summary>
public enum LogoutAction
{
    /// <summary>There was no file.</summary>
    NothingToRemove,

    /// <summary>The file was deleted.</summary>
    Deleted,

    /// <summary>Only the OAuth block was removed (<c>--keep-api-key</c>).</summary>
    OAuthRemoved,

    /// <summary>The file held keys of other tools, so it was rewritten without Mediagate's keys instead of deleted.</summary>
    Rewritten,
}

/// <summary>The result of <c>auth logout</c>.</summary>
/// <param name="Notes">Revocation notes, e.g. a non-2xx answer.</param>
/// <param name="ActiveEnvVariable">A variable whose credential stays active after logout.</param>
public sealed record LogoutResult(LogoutAction Action, string FilePath, IReadOnlyList<string> Notes, string? ActiveEnvVariable);

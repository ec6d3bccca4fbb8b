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

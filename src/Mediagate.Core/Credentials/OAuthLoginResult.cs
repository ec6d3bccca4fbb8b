using Mediagate.Providers.HeyGen;

namespace Mediagate.Credentials;

/// <summary>The result of a browser or device OAuth login.</summary>
/// <param name="IdentityProblem">Set when the tokens were saved but the identity check failed (the exit is still 0).</param>
public sealed record OAuthLoginResult(HeyGenAccount? Account, string? IdentityProblem, string FilePath, string? ShadowedBy);

namespace Mediagate.Credentials;

/// <summary>The HeyGen credential that resolution chose.</summary>
/// <param name="Source">Where it came from.</param>
/// <param name="Type">OAuth token or API key.</param>
/// <param name="Secret">The token or key itself; never print it.</param>
/// <param name="SourceLabel">How to name the source to a person, e.g. <c>env (HEYGEN_API_KEY)</c>.</param>
/// <param name="OAuth">The OAuth block, for OAuth credentials.</param>
/// <param name="FilePath">The credentials file, for file sources.</param>
/// <param name="EnvFile">The project <c>.env</c> that held the variable, when the real environment did not set it.</param>
public sealed record HeyGenCredential(
    CredentialSource Source,
    CredentialType Type,
    string Secret,
    string SourceLabel,
    OAuthTokens? OAuth = null,
    string? FilePath = null,
    string? EnvFile = null)
{
    /// <summary>True for an OAuth credential with a refresh token.</summary>
    public bool IsRefreshable => OAuth?.IsRefreshable == true;

    /// <inheritdoc />
    public override string ToString() => $"{Type.ToWire()} from {SourceLabel}";
}

using Mediagate.Credentials;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Credentials;

public sealed class HeyGenCredentialResolverTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private CredentialResolution Resolve() =>
        new HeyGenCredentialResolver(_home.Environment, CredentialFileStore.ForEnvironment(_home.Environment), new InstantTimeProvider(Now)).Resolve();

    private void WriteOAuth(DateTimeOffset? expiresAt, string? refresh, string? apiKey = null)
    {
        var document = CredentialDocument.Empty();
        document.ReplaceOAuth(new OAuthTokens("file-access", refresh, expiresAt));
        document.ApiKey = apiKey;
        _home.WriteCredentials(document.Serialize());
    }

    [Fact]
    public void HeyGenApiKeyWinsOverTheAliasAndTheFile()
    {
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_primary";
        _home.Variables["HYPERFRAMES_API_KEY"] = "sk_V2_alias";
        WriteOAuth(null, null);

        var resolution = Resolve();

        Assert.Equal(CredentialSource.Env, resolution.Credential!.Source);
        Assert.Equal(CredentialType.ApiKey, resolution.Credential.Type);
        Assert.Equal("sk_V2_primary", resolution.Credential.Secret);
        Assert.Equal(
            [
                new SourceCheck("HEYGEN_API_BASE", false, "not set"),
                new SourceCheck(".env", false, "not searched (no project directory)"),
                new SourceCheck("HEYGEN_ACCESS_TOKEN", false, "not set"),
                new SourceCheck("HEYGEN_API_KEY", true, "set (sk_V2_******)"),
                new SourceCheck("HYPERFRAMES_API_KEY", false, "set (sk_V2_******), but env (HEYGEN_API_KEY) comes first"),
                new SourceCheck("~/.heygen/credentials", false, "holds an OAuth token, but env (HEYGEN_API_KEY) comes first"),
            ],
            resolution.Checks);
    }

    [Fact]
    public void TheAliasIsUsedWhenThePrimaryVariableIsUnsetOrEmpty()
    {
        _home.Variables["HEYGEN_API_KEY"] = "";
        _home.Variables["HYPERFRAMES_API_KEY"] = "sk_V2_alias";

        var credential = Resolve().Credential!;

        Assert.Equal(CredentialSource.EnvAlias, credential.Source);
        Assert.Equal("env (HYPERFRAMES_API_KEY)", credential.SourceLabel);
    }

    [Fact]
    public void AValidOAuthTokenInTheFileWinsOverItsApiKey()
    {
        WriteOAuth(Now.AddMinutes(10), null, apiKey: "sk_V2_file_key");

        var credential = Resolve().Credential!;

        Assert.Equal(CredentialSource.FileJson, credential.Source);
        Assert.Equal(CredentialType.OAuth, credential.Type);
        Assert.Equal("file-access", credential.Secret);
    }

    [Fact]
    public void ATokenWithin60SecondsOfExpiryCountsAsExpired()
    {
        WriteOAuth(Now.AddSeconds(59), null, apiKey: "sk_V2_file_key");

        var resolution = Resolve();

        Assert.Equal(CredentialType.ApiKey, resolution.Credential!.Type);
        Assert.Equal("API key (OAuth token expired, no refresh token)", resolution.Checks[^1].Reason);
    }

    [Fact]
    public void ATokenWithMoreThan60SecondsLeftIsStillUsed()
    {
        WriteOAuth(Now.AddSeconds(61), null, apiKey: "sk_V2_file_key");

        Assert.Equal(CredentialType.OAuth, Resolve().Credential!.Type);
    }

    [Fact]
    public void AnExpiredTokenWithARefreshTokenIsStillChosenAsRefreshable()
    {
        WriteOAuth(Now.AddHours(-1), "refresh-me", apiKey: "sk_V2_file_key");

        var resolution = Resolve();

        Assert.Equal(CredentialType.OAuth, resolution.Credential!.Type);
        Assert.True(resolution.Credential.IsRefreshable);
        Assert.Equal("OAuth token expired, refreshable", resolution.Checks[^1].Reason);
    }

    [Fact]
    public void AnExpiredTokenWithNoRefreshTokenAndNoKeyLeavesNothingConfigured()
    {
        WriteOAuth(Now.AddHours(-1), null);

        var resolution = Resolve();

        Assert.False(resolution.IsConfigured);
        Assert.Equal("OAuth token expired and no refresh token or api_key", resolution.Checks[^1].Reason);
    }

    [Fact]
    public void ALegacyFileResolvesAsFileLegacy()
    {
        _home.WriteCredentials("hg_legacyPlaintextKey42\n");

        var credential = Resolve().Credential!;

        Assert.Equal(CredentialSource.FileLegacy, credential.Source);
        Assert.Equal("file (~/.heygen/credentials — legacy plaintext)", credential.SourceLabel);
    }

    [Fact]
    public void HeyGenConfigDirMovesTheFile()
    {
        var elsewhere = Path.Combine(_home.Root, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "credentials"), "{\"api_key\":\"sk_V2_moved\"}");
        _home.Variables["HEYGEN_CONFIG_DIR"] = elsewhere;

        var resolution = Resolve();

        Assert.Equal("sk_V2_moved", resolution.Credential!.Secret);
        Assert.Equal(Path.Combine(elsewhere, "credentials"), resolution.FilePath);
    }

    [Fact]
    public void NoCredentialAnywhereIsANormalStateWithAReasonPerSource()
    {
        var resolution = Resolve();

        Assert.False(resolution.IsConfigured);
        Assert.Equal(["not set", "not searched (no project directory)", "not set", "not set", "not set", "no file"], resolution.Checks.Select(c => c.Reason));
    }

    [Fact]
    public void AnEmptyFileIsReportedAsEmptyNotAsAnError()
    {
        _home.WriteCredentials("");

        Assert.Equal("empty", Resolve().Checks[^1].Reason);
    }

    [Fact]
    public void AVariableWithControlCharactersIsAnErrorThatSaysHowToFixIt()
    {
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_pasted\n";

        var error = Assert.Throws<CredentialException>(Resolve);

        Assert.Equal("HEYGEN_API_KEY", error.Where);
        Assert.Contains("control characters", error.Problem);
        Assert.Contains("export HEYGEN_API_KEY=", error.Fix);
    }

    [Fact]
    public void ABrokenFileIsAnErrorWhenItWouldBeUsed()
    {
        _home.WriteCredentials("{ broken");

        var error = Assert.Throws<CredentialException>(Resolve);

        Assert.Equal(_home.CredentialsPath, error.Where);
    }

    [Fact]
    public void ABrokenFileShadowedByTheEnvironmentIsOnlyReported()
    {
        _home.WriteCredentials("{ broken");
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_primary";

        var resolution = Resolve();

        Assert.Equal(CredentialSource.Env, resolution.Credential!.Source);
        Assert.StartsWith("unreadable (the credentials file is unreadable: the file is not valid JSON", resolution.Checks[^1].Reason);
    }
}

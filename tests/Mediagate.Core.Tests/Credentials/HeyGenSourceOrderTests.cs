using Mediagate.Credentials;
using Mediagate.Platform;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Credentials;

/// <summary>
/// Golden resolutions, one per row of HyperFrames 0.8.170's credential rules (lib/heygen.mjs; shared/reference/
/// hyperframes-0.8.170-media-use.md, "HeyGen base URL and credential"), plus the rules Mediagate adds on top.
/// </summary>
public sealed class HeyGenSourceOrderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private string Project => Path.Combine(_home.Root, "project");

    private void WriteDotEnv(string text, string? directory = null)
    {
        Directory.CreateDirectory(directory ?? Project);
        File.WriteAllText(Path.Combine(directory ?? Project, ".env"), text);
    }

    /// <summary>Every source at once, so that each row shows what it wins over.</summary>
    private void SetEverything()
    {
        _home.Variables["HEYGEN_ACCESS_TOKEN"] = "eyJhost_injected_token";
        _home.Variables["HYPERFRAMES_API_KEY"] = "sk_V2_alias_key";
        _home.WriteCredentials("{\"api_key\":\"sk_V2_file_key\"}");
    }

    private CredentialResolution Resolve(bool dotEnv = false)
    {
        var environment = dotEnv ? _home.Environment.WithDotEnvFrom(Project) : _home.Environment;
        return new HeyGenCredentialResolver(environment, CredentialFileStore.ForEnvironment(environment), new InstantTimeProvider(Now)).Resolve();
    }

    private static string Render(CredentialResolution resolution) =>
        $"credential: {(resolution.Credential is { } c ? $"{c.Source.ToWire()} {c.Type.ToWire()} {c.Secret} ({c.SourceLabel})" : "none")}\n" +
        $"base: {resolution.Base!.Display} ({resolution.Base.Reason})\n" +
        string.Concat(resolution.Checks.Select(check => $"{(check.Used ? "✓" : "·")} {check.Name}: {check.Reason}\n"));

    [Fact]
    public void Rule1_AHostGatewayWithHeyGenApiKeyWinsOverEverything()
    {
        SetEverything();
        _home.Variables["HEYGEN_API_BASE"] = "https://gateway.example/";
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_gateway_key";

        Assert.Equal("""
            credential: host_gateway api_key sk_V2_gateway_key (host gateway (HEYGEN_API_BASE + HEYGEN_API_KEY))
            base: https://gateway.example (from HEYGEN_API_BASE)
            ✓ HEYGEN_API_BASE: https://gateway.example (host gateway; key from HEYGEN_API_KEY)
            · .env: not searched (no project directory)
            · HEYGEN_ACCESS_TOKEN: set (eyJhost_******), but host gateway (HEYGEN_API_BASE + HEYGEN_API_KEY) comes first
            · HEYGEN_API_KEY: set (sk_V2_******); it is the host gateway's key (HEYGEN_API_BASE above)
            · HYPERFRAMES_API_KEY: set (sk_V2_******), but host gateway (HEYGEN_API_BASE + HEYGEN_API_KEY) comes first
            · ~/.heygen/credentials: holds an API key, but host gateway (HEYGEN_API_BASE + HEYGEN_API_KEY) comes first

            """, Render(Resolve()));
    }

    [Fact]
    public void Rule1_AnHttpGatewayIsAllowedWithHeyGenAllowHttpAndItsKeyMayComeFromTheProjectDotEnv()
    {
        _home.Variables["HEYGEN_API_BASE"] = "http://gw:5100";
        _home.Variables["HEYGEN_ALLOW_HTTP"] = "1";
        WriteDotEnv("HEYGEN_API_KEY=mg_gateway_token_1\n");

        Assert.Equal("""
            credential: host_gateway api_key mg_gateway_token_1 (host gateway (HEYGEN_API_BASE + HEYGEN_API_KEY in ~/project/.env))
            base: http://gw:5100 (from HEYGEN_API_BASE)
            ✓ HEYGEN_API_BASE: http://gw:5100 (host gateway; key from HEYGEN_API_KEY in ~/project/.env)
            ✓ .env: ~/project/.env (HEYGEN_API_KEY from file)
            · HEYGEN_ACCESS_TOKEN: not set
            · HEYGEN_API_KEY: set in ~/project/.env (mg_******); it is the host gateway's key (HEYGEN_API_BASE above)
            · HYPERFRAMES_API_KEY: not set
            · ~/.heygen/credentials: no file

            """, Render(Resolve(dotEnv: true)));
    }

    [Fact]
    public void Rule2_ANonHeyGenBaseWithoutItsOwnKeyGetsNoCredentialAtAll()
    {
        SetEverything();
        _home.Variables["HEYGEN_API_BASE"] = "https://heygen.com.attacker.example";

        Assert.Equal("""
            credential: none
            base: https://heygen.com.attacker.example (from HEYGEN_API_BASE)
            · HEYGEN_API_BASE: https://heygen.com.attacker.example (not a HeyGen host and no HEYGEN_API_KEY: no credential is sent to it)
            · .env: not searched (no project directory)
            · HEYGEN_ACCESS_TOKEN: set (eyJhost_******), but never sent to https://heygen.com.attacker.example, which is not a HeyGen host
            · HEYGEN_API_KEY: not set
            · HYPERFRAMES_API_KEY: set (sk_V2_******), but never sent to https://heygen.com.attacker.example, which is not a HeyGen host
            · ~/.heygen/credentials: not read: a credential is never sent to https://heygen.com.attacker.example, which is not a HeyGen host

            """, Render(Resolve()));
    }

    [Theory]
    [InlineData("https://evilheygen.com", false)]
    [InlineData("https://heygen.com.example", false)]
    [InlineData("https://127.0.0.1:8443", false)]
    [InlineData("https://heygen.com", true)]
    [InlineData("https://API.HeyGen.com", true)]
    [InlineData("https://eu.api.heygen.com/", true)]
    public void Rule2_OnlyHeyGenComAndItsSubdomainsCountAsHeyGenHosts(string gateway, bool heygen)
    {
        _home.Variables["HEYGEN_API_BASE"] = gateway;
        _home.Variables["HYPERFRAMES_API_KEY"] = "sk_V2_alias_key";

        Assert.Equal(heygen, Resolve().IsConfigured);
    }

    [Fact]
    public void Rule2_ABaseThatIsNotAUrlIsRefusedByNameRatherThanSentAnything()
    {
        _home.Variables["HEYGEN_API_BASE"] = "gateway:not a url";
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_key";

        var error = Assert.Throws<CredentialException>(() => Resolve());

        Assert.Equal("HEYGEN_API_BASE", error.Where);
        Assert.Contains("not an http(s) URL", error.Problem);
    }

    [Fact]
    public void Rule3_AHeyGenBaseWithoutAKeyFallsThroughAndTheAccessTokenComesNextAsABearerToken()
    {
        SetEverything();
        _home.Variables["HEYGEN_API_BASE"] = "https://api.heygen.com";

        Assert.Equal("""
            credential: env_access_token oauth eyJhost_injected_token (env (HEYGEN_ACCESS_TOKEN))
            base: https://api.heygen.com (from HEYGEN_API_BASE)
            · HEYGEN_API_BASE: https://api.heygen.com (a HeyGen host with no HEYGEN_API_KEY: the sources below are sent to it)
            · .env: not searched (no project directory)
            ✓ HEYGEN_ACCESS_TOKEN: set (eyJhost_******)
            · HEYGEN_API_KEY: not set
            · HYPERFRAMES_API_KEY: set (sk_V2_******), but env (HEYGEN_ACCESS_TOKEN) comes first
            · ~/.heygen/credentials: holds an API key, but env (HEYGEN_ACCESS_TOKEN) comes first

            """, Render(Resolve()));
    }

    [Fact]
    public void Rule3_TheAccessTokenBeatsHeyGenApiKeyWithoutAGatewayAndIsNeverRefreshed()
    {
        SetEverything();
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_primary";

        var credential = Resolve().Credential!;

        Assert.Equal(CredentialSource.EnvAccessToken, credential.Source);
        Assert.Equal(CredentialType.OAuth, credential.Type);
        Assert.False(credential.IsRefreshable);
        Assert.False(credential.OAuth!.IsExpired(Now.AddYears(1)));
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.heygen.com/v3/users/me");
        Mediagate.Providers.HeyGen.HeyGenApi.Authorize(request, credential);
        Assert.Equal("Bearer eyJhost_injected_token", request.Headers.GetValues("Authorization").Single());
        Assert.Equal("cli", request.Headers.GetValues("X-HeyGen-Source").Single());
        Assert.False(request.Headers.Contains("X-Api-Key"));
    }

    [Fact]
    public void Rule4_HeyGenApiKeyThenTheAliasAfterTheAccessToken()
    {
        _home.Variables["HYPERFRAMES_API_KEY"] = "sk_V2_alias_key";
        Assert.Equal(CredentialSource.EnvAlias, Resolve().Credential!.Source);

        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_primary";
        Assert.Equal(CredentialSource.Env, Resolve().Credential!.Source);
    }

    [Fact]
    public void Rule5_TheFileComesLastAndItsOAuthTokenBeatsItsKey()
    {
        var document = CredentialDocument.Empty();
        document.ReplaceOAuth(new OAuthTokens("file-access", null, Now.AddHours(1)));
        document.ApiKey = "sk_V2_file_key";
        _home.WriteCredentials(document.Serialize());

        Assert.Equal("""
            credential: file_json oauth file-access (file (~/.heygen/credentials))
            base: https://api.heygen.com (the default)
            · HEYGEN_API_BASE: not set
            · .env: not searched (no project directory)
            · HEYGEN_ACCESS_TOKEN: not set
            · HEYGEN_API_KEY: not set
            · HYPERFRAMES_API_KEY: not set
            ✓ ~/.heygen/credentials: OAuth token

            """, Render(Resolve()));
    }

    [Fact]
    public void AnHttpGatewayIsRefusedWithoutHeyGenAllowHttpSetToExactlyOne()
    {
        _home.Variables["HEYGEN_API_BASE"] = "http://gw:5100";
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_gateway_key";

        foreach (var allow in new string?[] { null, "true", "yes", "0" })
        {
            if (allow is null)
            {
                _home.Variables.Remove("HEYGEN_ALLOW_HTTP");
            }
            else
            {
                _home.Variables["HEYGEN_ALLOW_HTTP"] = allow;
            }
            var error = Assert.Throws<CredentialException>(() => Resolve());
            Assert.Equal("HEYGEN_API_BASE: http://gw:5100 uses HTTP, which sends the key in plaintext", error.Message);
            Assert.StartsWith("set HEYGEN_ALLOW_HTTP=1 to allow it", error.Fix);
        }
    }

    [Fact]
    public void HeyGenApiBaseWinsOverHeyGenApiUrlAndSaysSo()
    {
        _home.Variables["HEYGEN_API_URL"] = "http://127.0.0.1:4010";
        _home.Variables["HEYGEN_API_BASE"] = "https://gateway.example";
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_gateway_key";

        var resolution = Resolve();

        Assert.Equal(new Uri("https://gateway.example/"), resolution.Base!.Url);
        Assert.Equal("from HEYGEN_API_BASE; HEYGEN_API_URL is set too, and HEYGEN_API_BASE wins", resolution.Base.Reason);
        Assert.Equal(new Uri("https://gateway.example/"), Mediagate.Providers.ProviderEndpoints.From(_home.Environment).HeyGen);
    }

    [Fact]
    public void HeyGenApiUrlKeepsWorkingAsBeforeForEverySourceAndAnyHost()
    {
        _home.Variables["HEYGEN_API_URL"] = "http://127.0.0.1:4010/";
        _home.Variables["HYPERFRAMES_API_KEY"] = "sk_V2_alias_key";

        var resolution = Resolve();

        Assert.Equal(CredentialSource.EnvAlias, resolution.Credential!.Source);
        Assert.Equal("http://127.0.0.1:4010 (from HEYGEN_API_URL)", $"{resolution.Base!.Display} ({resolution.Base.Reason})");
        Assert.Equal(new Uri("http://127.0.0.1:4010/"), Mediagate.Providers.ProviderEndpoints.From(_home.Environment).HeyGen);
    }

    [Fact]
    public void TheDotEnvNeverOverridesTheRealEnvironmentAndNeverSetsTheBaseOrAllowHttp()
    {
        _home.Variables["HEYGEN_API_KEY"] = "sk_V2_from_shell";
        WriteDotEnv("""
            # a project .env
            export HEYGEN_API_KEY="sk_V2_from_file"
            HYPERFRAMES_API_KEY=sk_V2_alias_from_file
            HEYGEN_API_BASE=http://evil.example
            HEYGEN_ALLOW_HTTP=1
            HEYGEN_API_URL=http://evil.example
            """);

        var resolution = Resolve(dotEnv: true);

        Assert.Equal("""
            credential: env api_key sk_V2_from_shell (env (HEYGEN_API_KEY))
            base: https://api.heygen.com (the default)
            · HEYGEN_API_BASE: not set
            · .env: ~/project/.env (HEYGEN_API_KEY ignored: the environment sets it; HYPERFRAMES_API_KEY from file; HEYGEN_API_BASE ignored: never taken from a file; HEYGEN_ALLOW_HTTP ignored: never taken from a file; HEYGEN_API_URL ignored: never taken from a file)
            · HEYGEN_ACCESS_TOKEN: not set
            ✓ HEYGEN_API_KEY: set (sk_V2_******)
            · HYPERFRAMES_API_KEY: set in ~/project/.env (sk_V2_******), but env (HEYGEN_API_KEY) comes first
            · ~/.heygen/credentials: no file

            """, Render(resolution));
    }

    [Fact]
    public void AVariableSetEmptyInTheShellIsNotFilledFromTheDotEnv()
    {
        _home.Variables["HEYGEN_API_KEY"] = "";
        WriteDotEnv("HEYGEN_API_KEY=sk_V2_from_file\n");

        Assert.False(Resolve(dotEnv: true).IsConfigured);
    }

    [Fact]
    public void TheDotEnvCanHoldTheAccessTokenAndTheRowSaysWhereItCameFrom()
    {
        WriteDotEnv("HEYGEN_ACCESS_TOKEN='eyJfile_token'  # from the host\n");

        var resolution = Resolve(dotEnv: true);

        Assert.Equal(CredentialSource.EnvAccessToken, resolution.Credential!.Source);
        Assert.Equal("eyJfile_token", resolution.Credential.Secret);
        Assert.Equal(".env (HEYGEN_ACCESS_TOKEN in ~/project/.env)", resolution.Credential.SourceLabel);
        Assert.Equal(Path.Combine(Project, ".env"), resolution.Credential.EnvFile);
        Assert.Contains(new SourceCheck(".env", true, "~/project/.env (HEYGEN_ACCESS_TOKEN from file)"), resolution.Checks);
    }

    [Fact]
    public void NoDotEnvInTheFiveDirectoriesIsReportedWithWhereTheWalkStarted()
    {
        Directory.CreateDirectory(Project);

        Assert.Contains(new SourceCheck(".env", false, "none in ~/project or its 4 parents"), Resolve(dotEnv: true).Checks);
    }

    [Fact]
    public void AControlCharacterInADotEnvValueNamesTheFile()
    {
        WriteDotEnv("HEYGEN_API_KEY=sk_V2_bad\u0007key\n");

        var error = Assert.Throws<CredentialException>(() => Resolve(dotEnv: true));

        Assert.Equal($"HEYGEN_API_KEY in {Path.Combine(Project, ".env")}", error.Where);
    }
}

using Mediagate.Credentials;

namespace Mediagate.Tests.Credentials;

public sealed class CredentialDocumentTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Theory]
    [InlineData("peer-oauth.json")]
    [InlineData("peer-api-key.json")]
    [InlineData("other-tools-keys.json")]
    public void RewritingAPeerFileWithoutChangesReproducesItByteForByte(string fixture)
    {
        var text = Fixture(fixture);

        var document = CredentialDocument.Parse(text, fixture)!;

        Assert.Equal(text, document.Serialize());
    }

    [Fact]
    public void ReadsThePeersOAuthBlockAndUser()
    {
        var document = CredentialDocument.Parse(Fixture("peer-oauth.json"), "f")!;

        var oauth = document.OAuth!;
        Assert.Equal("hf_at_eyJhbGciOiJub25lIn0.peer-access", oauth.AccessToken);
        Assert.Equal("hf_rt_peer-refresh-token", oauth.RefreshToken);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero), oauth.ExpiresAt);
        Assert.Equal("openid profile email", oauth.Scope);
        Assert.Equal("Bearer", oauth.TokenType);
        Assert.Equal(new StoredUser("ada@example.com", "Ada", "Lovelace", "ada"), document.User);
        Assert.Null(document.ApiKey);
        Assert.False(document.HasUnknownKeys);
    }

    [Fact]
    public void UnknownKeysAtEveryLevelSurviveAnUpdateOfEveryKnownBlock()
    {
        var document = CredentialDocument.Parse(Fixture("other-tools-keys.json"), "f")!;

        document.ApiKey = "sk_V2_new_key_123456";
        document.MergeOAuth(new OAuthTokens("new-access", ExpiresAt: new DateTimeOffset(2030, 1, 2, 3, 4, 5, 600, TimeSpan.Zero)));
        document.SetUser(new StoredUser("linus@example.com", "Linus", null, null));

        Assert.True(document.HasUnknownKeys);
        Assert.Equal("""
            {
              "api_key": "sk_V2_new_key_123456",
              "default_output": "mp4",
              "profiles": {
                "work": {
                  "region": "eu"
                }
              },
              "oauth": {
                "access_token": "new-access",
                "expires_at": "2030-01-02T03:04:05.600Z",
                "id_token_hint": "keep-me"
              },
              "user": {
                "email": "linus@example.com",
                "plan_cache": "pro",
                "first_name": "Linus"
              }
            }

            """.ReplaceLineEndings("\n"), document.Serialize());
    }

    [Fact]
    public void ALoginReplacesTheOAuthBlockOutrightSoNoOldRefreshTokenSurvives()
    {
        var document = CredentialDocument.Parse(Fixture("peer-oauth.json"), "f")!;

        document.ReplaceOAuth(new OAuthTokens("fresh-access"));

        Assert.Equal(new OAuthTokens("fresh-access"), document.OAuth);
    }

    [Fact]
    public void ARefreshThatDoesNotRotateKeepsTheOldRefreshToken()
    {
        var document = CredentialDocument.Parse(Fixture("peer-oauth.json"), "f")!;

        document.MergeOAuth(new OAuthTokens("refreshed-access", RefreshToken: null, Scope: "openid"));

        Assert.Equal("refreshed-access", document.OAuth!.AccessToken);
        Assert.Equal("hf_rt_peer-refresh-token", document.OAuth.RefreshToken);
    }

    [Fact]
    public void ALegacyPlaintextKeyIsReadAndUpgradedToJsonOnWrite()
    {
        var document = CredentialDocument.Parse(Fixture("legacy-plaintext.txt"), "f")!;

        Assert.True(document.IsLegacy);
        Assert.Equal("hg_legacyPlaintextKey42", document.ApiKey);
        Assert.Equal("{\n  \"api_key\": \"hg_legacyPlaintextKey42\"\n}\n", document.Serialize());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    public void AnEmptyFileCountsAsAbsent(string text) => Assert.Null(CredentialDocument.Parse(text, "f"));

    [Theory]
    [InlineData("{ \"api_key\": ", "not valid JSON")]
    [InlineData("[1, 2]", "not an object")]
    [InlineData("{\"oauth\": {\"refresh_token\": \"r\"}}", "has no access_token")]
    [InlineData("{\"oauth\": \"nope\"}", "\"oauth\" is not an object")]
    [InlineData("{\"api_key\": 12345678}", "api_key is not a string")]
    [InlineData("{\"api_key\": \"sk_V2_abc\\ndef\"}", "api_key contains control characters")]
    [InlineData("{\"oauth\": {\"access_token\": \"a\\u0007b\"}}", "oauth.access_token contains control characters")]
    [InlineData("{\"oauth\": {\"access_token\": \"a\", \"expires_at\": \"soon\"}}", "not an ISO-8601 time")]
    [InlineData("short", "neither JSON nor a one-line plaintext API key")]
    [InlineData("has a space in it", "neither JSON nor a one-line plaintext API key")]
    public void AMalformedFileGivesAnErrorThatNamesTheFileTheProblemAndTheFix(string text, string problem)
    {
        var error = Assert.Throws<CredentialException>(() => CredentialDocument.Parse(text, "/home/u/.heygen/credentials"));

        Assert.Equal("/home/u/.heygen/credentials", error.Where);
        Assert.Contains(problem, error.Problem);
        Assert.Contains("rm '/home/u/.heygen/credentials'", error.Fix);
        Assert.Contains("mediagate auth login", error.Fix);
    }

    [Fact]
    public void NonAsciiTextIsWrittenAsUtf8LikeJavaScriptDoes()
    {
        var document = CredentialDocument.Empty();

        document.SetUser(new StoredUser("zoë@example.com", "Zoë", "Ōtsuka", null));

        Assert.Contains("\"first_name\": \"Zoë\"", document.Serialize());
        Assert.Contains("\"last_name\": \"Ōtsuka\"", document.Serialize());
    }
}

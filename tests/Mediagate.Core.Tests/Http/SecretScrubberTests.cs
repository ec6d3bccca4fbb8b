using Mediagate.Http;

namespace Mediagate.Tests.Http;

public sealed class SecretScrubberTests
{
    [Theory]
    [InlineData("invalid key sk_V2_hgu_kAbCdEf0123456789", "invalid key [redacted]")]
    [InlineData("legacy hg_0123456789abcdef rejected", "legacy [redacted] rejected")]
    [InlineData("Authorization: Bearer abc.def.ghi", "Authorization: [redacted]")]
    [InlineData("x-api-key: sk_whatever\nok", "x-api-key: [redacted]\nok")]
    [InlineData("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl used", "token [redacted] used")]
    [InlineData("{\"access_token\":\"at-123456\",\"refresh_token\":\"rt-123456\"}", "{\"access_token\":\"[redacted]\",\"refresh_token\":\"[redacted]\"}")]
    [InlineData("code=abcdef&refresh_token=rt-xyz123&x=1", "code=abcdef&refresh_token=[redacted]&x=1")]
    [InlineData("sent Bearer opaque-token-value", "sent Bearer [redacted]")]
    public void SecretsAreRemovedFromUpstreamText(string input, string expected) => Assert.Equal(expected, SecretScrubber.Scrub(input));

    [Fact]
    public void AKnownSecretIsRemovedWhateverItLooksLike()
    {
        Assert.Equal("server echoed [redacted] back", SecretScrubber.Scrub("server echoed plainsecretvalue back", "plainsecretvalue"));
    }

    [Fact]
    public void LongTextIsTruncatedTo500Characters()
    {
        var scrubbed = SecretScrubber.Scrub(new string('a', 2000));

        Assert.Equal(SecretScrubber.MaxLength + 1, scrubbed.Length);
        Assert.EndsWith("…", scrubbed);
    }

    [Theory]
    [InlineData("sk_V2_hgu_kAbCdEf0123456789", "sk_V2_******")]
    [InlineData("hg_0123456789abcdef", "hg_******")]
    [InlineData("mock-heygen-key", "moc******")]
    [InlineData("short", "******")]
    public void MaskingKeepsOnlyThePrefix(string secret, string masked) => Assert.Equal(masked, SecretScrubber.Mask(secret));
}

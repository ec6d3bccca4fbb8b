using Mediagate.Alignment;

namespace Mediagate.Tests.Alignment;

public sealed class SpokenReadingsTests
{
    [Theory]
    [InlineData("1999,", "nineteen ninety nine", "one thousand nine hundred ninety nine")]
    [InlineData("$5.50", "five dollars fifty cents", "five dollars and fifty cents")]
    [InlineData("555", "five five five", "five hundred fifty five")]
    [InlineData("0199", "zero one nine nine", "oh one nine nine")]
    [InlineData("12", "twelve", "twelfth")]
    [InlineData("3rd,", "third", "third")]
    [InlineData("5:00", "five", "five o'clock")]
    [InlineData("42%", "forty two percent", "forty two percent")]
    [InlineData("Gen.", "general", "gen")]
    [InlineData("St.", "saint", "street")]
    public void ANumberOrAbbreviationMayBeReadEitherWay(string token, string one, string other)
    {
        var readings = Readings(token);

        Assert.Contains(one, readings);
        Assert.Contains(other, readings);
    }

    [Fact]
    public void PunctuationAloneIsNotSpoken() => Assert.Empty(SpokenReadings.Of("—"));

    [Fact]
    public void AScaleWordAfterMoneyMayCarryTheCurrency()
    {
        var readings = SpokenReadings.Of("million,");

        SpokenReadings.MoveCurrency("$2.3", readings);

        Assert.Contains("million dollars", readings.Select(r => string.Join(' ', r.Select(w => w.Text))));
    }

    [Theory]
    [InlineData("həlˈoʊ", "HH AH L OW")]
    [InlineData("ʒjˈuːkɑːv", "ZH Y UW K AA V")]
    [InlineData("tʃˈɛɹ", "CH EH R")]
    public void EspeakIpaBecomesArpabet(string ipa, string arpabet) => Assert.Equal(arpabet, IpaToArpabet.Convert(ipa));

    /// <summary>Each reading as text, optional words either kept or left out.</summary>
    private static List<string> Readings(string token) =>
        SpokenReadings.Of(token).SelectMany(r => new[]
        {
            string.Join(' ', r.Select(w => w.Text)),
            string.Join(' ', r.Where(w => !w.Optional).Select(w => w.Text)),
        }).ToList();
}

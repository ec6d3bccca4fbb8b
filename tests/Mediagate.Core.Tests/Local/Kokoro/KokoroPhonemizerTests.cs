using System.Diagnostics;
using Mediagate.Local.Kokoro;
using Xunit;

namespace Mediagate.Core.Tests.Local.Kokoro;

/// <summary>Text → phonemes → ids, in-process eSpeak NG against the <c>espeak-ng --ipa</c> program put through the same rules.</summary>
public sealed class KokoroPhonemizerTests
{
    public static TheoryData<string, string> Sentences => new()
    {
        { "Hello, world.", "en-us" },
        { "The quick brown fox jumps over the lazy dog!", "en-us" },
        { "Is it ready? Yes; ship it: now.", "en-us" },
        { "It costs $12.50 today.", "en-us" },
        { "Tickets are £1 each, or $3 for two.", "en-us" },
        { "We meet at 3:05, not 4:00.", "en-us" },
        { "Dr. Smith met Mr. Jones and Mrs. Brown.", "en-us" },
        { "Ms. Lee arrived in 1984.", "en-us" },
        { "The 1990s were loud; the 2000s were quiet.", "en-us" },
        { "Pi is about 3.14 and e is 2.718.", "en-us" },
        { "Read pages 3-5 tonight.", "en-us" },
        { "The population was 1,234,567 in 2021.", "en-us" },
        { "“Curly quotes” and ‘single ones’ are straightened.", "en-us" },
        { "Ninety-nine balloons, ninety cats.", "en-us" },
        { "Two hundred and fifty people came.", "en-us" },
        { "She said \"wait\" (quietly) — then left…", "en-us" },
        { "Kokoro speaks this sentence.", "en-us" },
        { "Colour and flavour, in British English.", "en-gb" },
        { "Bonjour, comment allez-vous?", "fr-fr" },
        { "Hola, ¿cómo estás?", "es" },
        { "Wow! Really?! No way...", "en-us" },
        { "The meeting moved from 10:30 to 11:15 on March 3rd, 2024, and nobody minded because the coffee was free, the chairs were soft, and the agenda, which ran to forty pages, was mercifully skipped.", "en-us" },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public void InProcessESpeakAgreesWithTheESpeakNgProgram(string text, string language)
    {
        var inProcess = new KokoroPhonemizer().Phonemize(text, language);
        var program = new KokoroPhonemizer(ESpeakProgram).Phonemize(text, language);

        Assert.Equal(program.ToString(), inProcess.ToString());
        var tokenizer = new KokoroTokenizer(KokoroVocabulary.V1);
        Assert.Equal(tokenizer.Chunks(program).Single().Ids, tokenizer.Chunks(inProcess).Single().Ids);
    }

    [Fact]
    public void GivesKokorosPhonemesAndIdsForASentence()
    {
        var phonemes = new KokoroPhonemizer().Phonemize("Hello, world.", "en-us");
        var chunk = new KokoroTokenizer(KokoroVocabulary.V1).Chunks(phonemes).Single();

        Assert.Equal("həlˈoʊ, wˈɜːld.", phonemes.ToString());
        Assert.Equal([50, 83, 54, 156, 57, 135, 3, 16, 65, 156, 87, 158, 54, 46, 4], chunk.Ids);
        Assert.Equal([0, 0, 0, 0, 0, 0, -1, -1, 1, 1, 1, 1, 1, 1, -1], chunk.Words);
        Assert.Equal([0, .. chunk.Ids, 0], chunk.WithPads());
    }

    [Theory]
    [InlineData("It costs $12.50 today.", "ɪt kˈɔsts twˈɛlv dˈɑːlɚz ænd fˈɪfti sˈɛnts tədˈeɪ.")]
    [InlineData("We meet at 4:00.", "wiː mˈiːt æt fˈoːɹ əklˈɑːk.")]
    [InlineData("Dr. Smith", "dˈɑːktɚ smˈɪθ")]
    [InlineData("Ninety cats.", "nˈaɪndi kˈæts.")]
    [InlineData("Kokoro", "kˈoʊkəɹoʊ")]
    [InlineData("The 2000s.", "ðə tˈuː θˈaʊzəndz.")]
    public void AppliesKokorosNormalisationAndRules(string text, string expected)
    {
        Assert.Equal(expected, new KokoroPhonemizer().Phonemize(text, "en-us").ToString());
    }

    [Fact]
    public void TracesEveryPhonemeWordToTheWordItCameFrom()
    {
        var phonemes = new KokoroPhonemizer().Phonemize("Pay $12.50 now", "en-us");

        Assert.Equal(["Pay", "$12.50", "now"], phonemes.Words);
        Assert.Equal([0, 1, 1, 1, 1, 1, 2], phonemes.Units.Select(u => u.Word));
    }

    [Theory]
    [InlineData("1984", "19 84")]
    [InlineData("1900", "19 hundred")]
    [InlineData("2005", "2005")]
    [InlineData("2021", "20 21")]
    [InlineData("1905", "19 oh 5")]
    [InlineData("1980s", "19 80s")]
    [InlineData("3:05", "3 oh 5")]
    [InlineData("4:00", "4 o'clock")]
    [InlineData("10:30", "10 30")]
    [InlineData("$1", "1 dollar")]
    [InlineData("$12.50", "12 dollars and 50 cents")]
    [InlineData("$0.01", "0 dollars and 1 cent")]
    [InlineData("£2.5", "2 pounds and 50 pence")]
    [InlineData("2.5", "2 point 5")]
    [InlineData("3-5", "3 to 5")]
    [InlineData("1,000,000", "1000000")]
    [InlineData("(Dr.", "(Doctor")]
    [InlineData("Mrs.", "Missus")]
    public void NormalisesNumbersMoneyTimesAndTitles(string word, string expected)
    {
        Assert.Equal(expected, KokoroNormalizer.Word(word));
    }

    [Fact]
    public void TheVocabularyIsKokoroV1s()
    {
        Assert.Equal(114, KokoroVocabulary.V1.Count);
        foreach (var (symbol, id) in new[] { (';', 1L), (' ', 16L), ('a', 43L), ('ɹ', 123L), ('ˈ', 156L), ('ˌ', 157L), ('ː', 158L), ('ᵻ', 177L) })
        {
            Assert.True(KokoroVocabulary.V1.TryGetId(symbol, out var actual));
            Assert.Equal(id, actual);
        }
        Assert.False(KokoroVocabulary.V1.TryGetId('#', out _));
    }

    [Fact]
    public void AnEmbeddedVocabularyReplacesTheDefault()
    {
        var vocabulary = KokoroVocabulary.FromConfigJson("""{"vocab": {"a": 7, "b": 8}}""");

        Assert.NotNull(vocabulary);
        Assert.Equal(2, vocabulary.Count);
        Assert.Null(KokoroVocabulary.FromConfigJson("""{"other": 1}"""));
    }

    /// <summary>The espeak-ng program's <c>--ipa</c> output for one clause: its lines (one per clause it found) joined by a space.</summary>
    internal static string ESpeakProgram(string text, string language)
    {
        var start = new ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--ipa", "-q", "-v", language, "--", text })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return string.Join(' ', output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Mediagate.Local.Kokoro;

/// <summary>The post-processing Kokoro applies to eSpeak's IPA before tokenising (kokoro-onnx's rules), on one clause at a time.</summary>
public static partial class KokoroPhonemeRules
{
    /// <summary>How Kokoro's authors say "kokoro"; eSpeak's guess is replaced by it.</summary>
    public const string KokoroWord = "kˈoʊkəɹoʊ";

    [GeneratedRegex(@"(?<=\p{L})(?=hˈʌndɹɪd)")]
    private static partial Regex BeforeHundred();

    [GeneratedRegex(@" z$")]
    private static partial Regex LoneZ();

    [GeneratedRegex(@"nˈaɪnti(?!ː)")]
    private static partial Regex Ninety();

    /// <summary>Applies the rules to one clause's phonemes (the text between two punctuation marks, so its end is before one or at the end).</summary>
    /// <param name="clause">eSpeak's IPA, words separated by one space.</param>
    /// <param name="american">True for American English (the <c>nˈaɪnti</c> → <c>nˈaɪndi</c> rule).</param>
    public static string Apply(string clause, bool american)
    {
        var text = new StringBuilder(clause.Length);
        foreach (var c in clause)
        {
            text.Append(c switch { 'ʲ' => 'j', 'r' => 'ɹ', 'x' => 'k', 'ɬ' => 'l', _ => c });
        }
        var result = BeforeHundred().Replace(text.ToString(), " ");
        result = LoneZ().Replace(result, "z");
        return american ? Ninety().Replace(result, "nˈaɪndi") : result;
    }
}

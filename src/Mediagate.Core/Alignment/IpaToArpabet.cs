namespace Mediagate.Alignment;

/// <summary>Turns eSpeak NG's US English IPA into the ARPAbet phones of pocketsphinx's model, for words the CMU dictionary lacks.</summary>
/// <remarks>Greedy longest match over a table of eSpeak's symbols; stress and length marks and symbols it does not know are skipped.</remarks>
internal static class IpaToArpabet
{
    private static readonly (string Ipa, string Phones)[] Table = Order(
    [
        ("aɪɚ", "AY ER"), ("aʊɚ", "AW ER"), ("ɑːɹ", "AA R"), ("ɔːɹ", "AO R"), ("oːɹ", "AO R"), ("ɛɹ", "EH R"), ("ɪɹ", "IH R"),
        ("ʊɹ", "UH R"), ("iə", "IY AH"), ("aɪ", "AY"), ("aʊ", "AW"), ("eɪ", "EY"), ("oʊ", "OW"), ("ɔɪ", "OY"), ("tʃ", "CH"),
        ("dʒ", "JH"), ("iː", "IY"), ("uː", "UW"), ("ɑː", "AA"), ("ɔː", "AO"), ("ɜː", "ER"), ("n̩", "AH N"), ("l̩", "AH L"),
        ("i", "IY"), ("ɪ", "IH"), ("ᵻ", "IH"), ("e", "EH"), ("ɛ", "EH"), ("æ", "AE"), ("a", "AE"), ("ɑ", "AA"), ("ɒ", "AA"),
        ("ɔ", "AO"), ("o", "OW"), ("ʊ", "UH"), ("u", "UW"), ("ʌ", "AH"), ("ə", "AH"), ("ɐ", "AH"), ("ɚ", "ER"), ("ɜ", "ER"),
        ("p", "P"), ("b", "B"), ("t", "T"), ("d", "D"), ("k", "K"), ("ɡ", "G"), ("g", "G"), ("f", "F"), ("v", "V"),
        ("θ", "TH"), ("ð", "DH"), ("s", "S"), ("z", "Z"), ("ʃ", "SH"), ("ʒ", "ZH"), ("h", "HH"), ("m", "M"), ("n", "N"),
        ("ŋ", "NG"), ("l", "L"), ("ɫ", "L"), ("ɹ", "R"), ("r", "R"), ("w", "W"), ("ʍ", "W"), ("j", "Y"), ("ɾ", "D"),
        ("ʔ", "T"), ("x", "K"), ("ç", "HH"), ("ɬ", "L"), ("ɲ", "N Y"), ("y", "UW"), ("ø", "ER"), ("œ", "ER"), ("ʁ", "R"),
    ]);

    /// <summary>The ARPAbet phones of one word's IPA, space-separated; empty when nothing is speakable.</summary>
    public static string Convert(string ipa)
    {
        var phones = new List<string>(ipa.Length);
        for (var i = 0; i < ipa.Length;)
        {
            var matched = false;
            foreach (var (symbol, arpabet) in Table)
            {
                if (string.CompareOrdinal(ipa, i, symbol, 0, symbol.Length) == 0)
                {
                    phones.Add(arpabet);
                    i += symbol.Length;
                    matched = true;
                    break;
                }
            }
            if (!matched)
            {
                i++;
            }
        }
        return string.Join(' ', phones);
    }

    private static (string, string)[] Order((string, string)[] table) => table.OrderByDescending(t => t.Item1.Length).ToArray();
}

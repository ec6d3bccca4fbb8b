namespace Mediagate.Local.Kokoro;

/// <summary>One phoneme word or one punctuation mark of a phonemised text, and the word of the text it belongs to.</summary>
/// <param name="Symbols">The IPA of one spoken word, or one punctuation mark.</param>
/// <param name="Word">The index of the text's word (its whitespace-separated token) this came from.</param>
/// <param name="IsPunctuation">True for a punctuation mark, which times no word.</param>
/// <param name="SpaceBefore">True when a space separates it from the unit before.</param>
public sealed record KokoroUnit(string Symbols, int Word, bool IsPunctuation, bool SpaceBefore);

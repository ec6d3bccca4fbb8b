namespace Mediagate.Local.Kokoro;

/// <summary>A text phonemised for Kokoro: its words, and its phoneme words and punctuation traced to them.</summary>
/// <param name="Words">The text's words (whitespace-separated tokens), as written.</param>
/// <param name="Units">The phoneme words and punctuation marks, in order.</param>
public sealed record KokoroPhonemes(IReadOnlyList<string> Words, IReadOnlyList<KokoroUnit> Units)
{
    /// <summary>The phoneme string, as kokoro-onnx would give the model (words separated by one space, punctuation kept).</summary>
    public override string ToString() => string.Concat(Units.Select(u => (u.SpaceBefore ? " " : "") + u.Symbols));
}

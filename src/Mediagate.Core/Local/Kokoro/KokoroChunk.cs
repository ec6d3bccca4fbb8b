namespace Mediagate.Local.Kokoro;

/// <summary>One model call's worth of tokens (at most <see cref="KokoroTokenizer.MaxTokens"/>, pads not included), each traced to its word.</summary>
/// <param name="Ids">The token ids, without the pads.</param>
/// <param name="Words">For each token, the index of the text's word it speaks, or −1 for a space or a punctuation mark.</param>
public sealed record KokoroChunk(long[] Ids, int[] Words)
{
    /// <summary>The ids the model takes: a pad, the tokens, a pad.</summary>
    public long[] WithPads() => [KokoroVocabulary.Pad, .. Ids, KokoroVocabulary.Pad];
}

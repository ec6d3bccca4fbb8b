namespace Mediagate.Local.Voice;

/// <summary>A word event from eSpeak: where the word is in the synthesised text (0-based UTF-16 index) and when it starts.</summary>
/// <param name="TextIndex">Index into the UTF-16 text that was synthesised.</param>
/// <param name="Length">The word's length in UTF-16 units, as eSpeak counted it.</param>
/// <param name="StartSample">The first sample of the word, at eSpeak's native rate.</param>
internal readonly record struct ESpeakWordEvent(int TextIndex, int Length, long StartSample);

namespace Mediagate.Local.Music;

/// <summary>How a prompt is played: tempo, key, harmony, instruments and groove.</summary>
/// <param name="Mood">The mood keyword that chose it (or "default").</param>
/// <param name="Bpm">Beats per minute.</param>
/// <param name="Root">The key's root as a pitch class (0 = C).</param>
/// <param name="Minor">Minor mode instead of major.</param>
/// <param name="Progression">Chords as scale degrees (0-based), one per bar.</param>
/// <param name="Pad">GM program for sustained chords.</param>
/// <param name="Keys">GM program for the rhythmic chord part.</param>
/// <param name="Bass">GM program for the bass.</param>
/// <param name="Lead">GM program for the arpeggio and melody.</param>
/// <param name="Drums">The drum pattern: none, soft, pop, four, lofi or pulse.</param>
/// <param name="Sevenths">Whether chords carry their seventh.</param>
public sealed record MusicStyle(string Mood, int Bpm, int Root, bool Minor, int[] Progression, int Pad, int Keys, int Bass, int Lead, string Drums, bool Sevenths = false);

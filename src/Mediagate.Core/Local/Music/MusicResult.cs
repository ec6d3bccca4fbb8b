using Mediagate.Audio;

namespace Mediagate.Local.Music;

/// <summary>A composed track: its style, the notes, and the rendered, normalised stereo audio.</summary>
/// <param name="Bpm">The tempo played (a loop adjusts it slightly so that whole bars fill the duration).</param>
public sealed record MusicResult(MusicStyle Style, int Seed, int Bars, double Bpm, float[] Stereo, int SampleRate, LoudnessReport Loudness, IReadOnlyList<NoteEvent> Notes, string SoundFont)
{
    /// <summary>The length in seconds.</summary>
    public double DurationSeconds => Stereo.Length / 2.0 / SampleRate;
}

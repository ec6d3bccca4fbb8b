namespace Mediagate.Local.Music;

/// <summary>A note in the arrangement: when (in beats), on which MIDI channel, which key, how hard, and for how long (in beats).</summary>
public readonly record struct NoteEvent(double Beat, int Channel, int Key, int Velocity, double Length);

using NAudio.Midi;
using WireNote = NAudio.Midi.NoteEvent;

namespace Mediagate.Local.Music;

/// <summary>Writes a Standard MIDI File (format 1, 480 ticks per beat) with NAudio: a tempo track, then one track per channel with its program.</summary>
/// <remarks>
/// Events go in per track in the order a player must see them at one tick: the program change, then note-offs, then note-ons,
/// so an opening chord already sounds on its instrument and a repeated note is released before it strikes again. NAudio's export
/// sort is stable by time, so that order is what is written.
/// </remarks>
public static class MidiFile
{
    /// <summary>Ticks per quarter note.</summary>
    public const int TicksPerBeat = 480;

    /// <summary>The file's bytes for <paramref name="notes"/> at <paramref name="bpm"/>.</summary>
    public static byte[] Write(IReadOnlyList<NoteEvent> notes, double bpm, IReadOnlyDictionary<int, int> programs)
    {
        var events = new MidiEventCollection(1, TicksPerBeat);
        events.AddEvent(new TempoEvent((int)Math.Round(60_000_000 / bpm), 0), 0);
        events.AddEvent(new TimeSignatureEvent(0, 4, 2, 24, 8), 0);
        var track = 0;
        foreach (var channel in notes.Select(n => n.Channel).Distinct().Order())
        {
            track++;
            // NAudio numbers channels 1 to 16; the arrangement, like the wire format, 0 to 15.
            var wire = channel + 1;
            if (channel != Arranger.DrumChannel && programs.TryGetValue(channel, out var program))
            {
                events.AddEvent(new PatchChangeEvent(0, wire, program), track);
            }
            var ordered = new List<(long Tick, bool On, NoteEvent Note)>();
            foreach (var note in notes.Where(n => n.Channel == channel))
            {
                var on = (long)Math.Round(note.Beat * TicksPerBeat);
                ordered.Add((on, true, note));
                ordered.Add((on + Math.Max(1, (long)Math.Round(note.Length * TicksPerBeat)), false, note));
            }
            foreach (var (tick, isOn, note) in ordered.OrderBy(e => e.Tick).ThenBy(e => e.On))
            {
                events.AddEvent(isOn
                    ? new WireNote(tick, wire, MidiCommandCode.NoteOn, note.Key, note.Velocity)
                    : new WireNote(tick, wire, MidiCommandCode.NoteOff, note.Key, 0), track);
            }
        }
        events.PrepareForExport();
        using var file = new MemoryStream();
        NAudio.Midi.MidiFile.Export(file, events);
        return file.ToArray();
    }
}

using Mediagate.Capabilities;
using Mediagate.Local.Music;
using NAudio.Midi;
using MediagateMidi = Mediagate.Local.Music.MidiFile;
using NoteEvent = Mediagate.Local.Music.NoteEvent;

namespace Mediagate.Tests.Local.Music;

/// <summary>The MIDI export, read back by NAudio as any sequencer would read it.</summary>
public sealed class MidiFileTests
{
    private static readonly Dictionary<int, int> Programs = new() { [0] = 89, [1] = 4, [2] = 33 };

    private static NAudio.Midi.MidiFile ReadBack(byte[] bytes) => new(new MemoryStream(bytes), strictChecking: true);

    private static List<NoteOnEvent> NoteOns(IList<MidiEvent> track) => track.OfType<NoteOnEvent>().Where(e => e.Velocity > 0).ToList();

    /// <summary>An opening chord on two channels at tick 0, a repeated bass note, and drums (which have no program).</summary>
    private static readonly NoteEvent[] Notes =
    [
        new(0, 0, 60, 80, 4), new(0, 0, 64, 80, 4), new(0, 0, 67, 80, 4),
        new(0, 1, 72, 90, 1), new(1, 1, 74, 90, 0.5),
        new(0, 2, 36, 100, 1), new(1, 2, 36, 100, 1), new(2.5, 2, 43, 100, 0.25),
        new(0, Arranger.DrumChannel, 36, 110, 0.25), new(1, Arranger.DrumChannel, 38, 110, 0.25),
    ];

    [Fact]
    public void TheProgramChangeOfEachChannelComesBeforeItsFirstNote()
    {
        var midi = ReadBack(MediagateMidi.Write(Notes, 120, Programs));

        foreach (var channel in new[] { 0, 1, 2 })
        {
            var track = midi.Events.Cast<IList<MidiEvent>>().Single(t => t.Any(e => e.Channel == channel + 1 && e is NoteOnEvent));
            var program = track.OfType<PatchChangeEvent>().Single();
            Assert.Equal(Programs[channel], program.Patch);
            Assert.Equal(0, program.AbsoluteTime);
            Assert.True(track.IndexOf(program) < track.IndexOf(NoteOns(track)[0]), $"channel {channel}: the program change follows a note");
        }
    }

    [Fact]
    public void TheTempoTrackHoldsTheTempoAndTimeSignature()
    {
        var midi = ReadBack(MediagateMidi.Write(Notes, 96, Programs));

        Assert.Equal(1, midi.FileFormat);
        Assert.Equal(MediagateMidi.TicksPerBeat, midi.DeltaTicksPerQuarterNote);
        Assert.Equal(5, midi.Tracks);
        var tempo = midi.Events[0].OfType<TempoEvent>().Single();
        Assert.Equal(625_000, tempo.MicrosecondsPerQuarterNote);
        Assert.Equal(0, tempo.AbsoluteTime);
        Assert.Equal("4/4", midi.Events[0].OfType<TimeSignatureEvent>().Single().TimeSignature);
        Assert.Empty(midi.Events[4].OfType<PatchChangeEvent>());
    }

    [Fact]
    public void EveryNoteIsWrittenOnceAtItsTimeWithItsLength()
    {
        var midi = ReadBack(MediagateMidi.Write(Notes, 120, Programs));

        var written = Enumerable.Range(1, midi.Tracks - 1)
            .SelectMany(t => NoteOns(midi.Events[t]))
            .Select(e => (Tick: e.AbsoluteTime, Channel: e.Channel - 1, Key: e.NoteNumber, e.Velocity, Length: e.NoteLength))
            .OrderBy(n => n.Channel).ThenBy(n => n.Tick).ThenBy(n => n.Key)
            .ToList();
        var expected = Notes
            .Select(n => (Tick: (long)(n.Beat * 480), n.Channel, n.Key, n.Velocity, Length: (int)(n.Length * 480)))
            .OrderBy(n => n.Channel).ThenBy(n => n.Tick).ThenBy(n => n.Key)
            .ToList();
        Assert.Equal(expected, written);
    }

    [Fact]
    public void AComposedTrackOpensOnItsInstrumentsOnEveryChannel()
    {
        var track = Composer.Compose(new MusicRequest("upbeat corporate", 10, Seed: 2), LocalEngines.System);
        var programs = Arranger.Programs(track.Style);

        var midi = ReadBack(MediagateMidi.Write(track.Notes, track.Bpm, programs));

        Assert.Equal(track.Notes.Count, Enumerable.Range(1, midi.Tracks - 1).Sum(t => NoteOns(midi.Events[t]).Count));
        for (var t = 1; t < midi.Tracks; t++)
        {
            var events = midi.Events[t];
            var channel = NoteOns(events)[0].Channel - 1;
            if (channel == Arranger.DrumChannel)
            {
                continue;
            }
            var program = events.OfType<PatchChangeEvent>().Single();
            Assert.Equal(programs[channel], program.Patch);
            Assert.True(events.IndexOf(program) < events.IndexOf(NoteOns(events)[0]), $"channel {channel}: the opening notes play before the program change");
        }
    }
}

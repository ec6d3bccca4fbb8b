namespace Mediagate.Local.Music;

/// <summary>Writes a Standard MIDI File (format 1, 480 ticks per beat): a tempo track, then one track per channel with its program.</summary>
public static class MidiFile
{
    private const int TicksPerBeat = 480;

    /// <summary>The file's bytes for <paramref name="notes"/> at <paramref name="bpm"/>.</summary>
    public static byte[] Write(IReadOnlyList<NoteEvent> notes, double bpm, IReadOnlyDictionary<int, int> programs)
    {
        var channels = notes.Select(n => n.Channel).Distinct().Order().ToList();
        using var file = new MemoryStream();
        file.Write("MThd"u8);
        BigEndian(file, 6, 4);
        BigEndian(file, 1, 2);
        BigEndian(file, channels.Count + 1, 2);
        BigEndian(file, TicksPerBeat, 2);

        var tempo = new List<(long Tick, byte[] Data)>
        {
            (0, [0xFF, 0x51, 0x03, .. Tempo(bpm)]),
            (0, [0xFF, 0x58, 0x04, 4, 2, 24, 8]),
        };
        Track(file, tempo);
        foreach (var channel in channels)
        {
            var events = new List<(long Tick, byte[] Data)>();
            if (channel != Arranger.DrumChannel && programs.TryGetValue(channel, out var program))
            {
                events.Add((0, [(byte)(0xC0 | channel), (byte)program]));
            }
            foreach (var note in notes.Where(n => n.Channel == channel))
            {
                var on = (long)Math.Round(note.Beat * TicksPerBeat);
                var off = on + Math.Max(1, (long)Math.Round(note.Length * TicksPerBeat));
                events.Add((on, [(byte)(0x90 | channel), (byte)note.Key, (byte)note.Velocity]));
                events.Add((off, [(byte)(0x80 | channel), (byte)note.Key, 0]));
            }
            Track(file, events.OrderBy(e => e.Tick).ThenBy(e => e.Data[0] & 0xF0).ToList());
        }
        return file.ToArray();
    }

    private static byte[] Tempo(double bpm)
    {
        var microseconds = (int)Math.Round(60_000_000 / bpm);
        return [(byte)(microseconds >> 16), (byte)(microseconds >> 8), (byte)microseconds];
    }

    private static void Track(Stream file, List<(long Tick, byte[] Data)> events)
    {
        using var track = new MemoryStream();
        long last = 0;
        foreach (var (tick, data) in events)
        {
            VariableLength(track, tick - last);
            track.Write(data);
            last = tick;
        }
        track.Write([0x00, 0xFF, 0x2F, 0x00]);
        file.Write("MTrk"u8);
        BigEndian(file, (int)track.Length, 4);
        track.Position = 0;
        track.CopyTo(file);
    }

    private static void VariableLength(Stream stream, long value)
    {
        Span<byte> bytes = stackalloc byte[5];
        var count = 0;
        do
        {
            bytes[count++] = (byte)(value & 0x7F);
            value >>= 7;
        }
        while (value > 0);
        for (var i = count - 1; i >= 0; i--)
        {
            stream.WriteByte((byte)(bytes[i] | (i > 0 ? 0x80 : 0)));
        }
    }

    private static void BigEndian(Stream stream, int value, int bytes)
    {
        for (var i = bytes - 1; i >= 0; i--)
        {
            stream.WriteByte((byte)(value >> (8 * i)));
        }
    }
}

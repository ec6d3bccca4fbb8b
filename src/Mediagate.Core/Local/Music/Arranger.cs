namespace Mediagate.Local.Music;

/// <summary>
/// Writes the notes of a track: an intro of pads, phrases of four bars that alternate between A (pads, bass, comping keys,
/// light drums) and B (adding an arpeggio and the full groove), and an outro that lands on the tonic. One chord per bar follows
/// the style's progression. The seed varies the comping rhythm, the arpeggio's shape and the drum fills.
/// </summary>
public static class Arranger
{
    /// <summary>Channels: pad, keys, bass, lead, and the General MIDI drum channel.</summary>
    public const int PadChannel = 0, KeysChannel = 1, BassChannel = 2, LeadChannel = 3, DrumChannel = 9;

    private static readonly int[] Major = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] Minor = [0, 2, 3, 5, 7, 8, 10];
    private static readonly double[][] Comping = [[0, 2], [0, 1.5, 3], [0, 1, 2, 3], [0.5, 1.5, 2.5, 3.5]];

    /// <summary>The notes of <paramref name="bars"/> bars; a loop has no intro or ending, so its last bar leads back into its first.</summary>
    public static List<NoteEvent> Arrange(MusicStyle style, int seed, int bars, bool loop)
    {
        var random = new Random(seed);
        var notes = new List<NoteEvent>();
        var comping = Comping[random.Next(Comping.Length)];
        var arpShape = random.Next(3);
        var intro = loop || bars < 6 ? 0 : 2;
        // The body is cut to whole half-phrases (two bars), so the final tonic lands on a phrase boundary and is held to the end.
        var body = loop || bars < 3 ? bars - intro : Math.Max(0, bars - intro - 1);
        body -= loop || body < 2 ? 0 : body % 2;
        var outroStart = intro + body;
        for (var bar = 0; bar < bars; bar++)
        {
            var beat = bar * 4.0;
            if (bar > outroStart)
            {
                continue;
            }
            var degree = bar == outroStart ? 0 : style.Progression[(bar - intro + style.Progression.Length * 4) % style.Progression.Length];
            var chord = Chord(style, degree, 4);
            var rootNote = Pitch(style, degree, 2);
            if (bar == outroStart && !loop)
            {
                var held = 4.0 * (bars - outroStart);
                foreach (var key in chord)
                {
                    notes.Add(new NoteEvent(beat, PadChannel, key, 70, held));
                    notes.Add(new NoteEvent(beat, KeysChannel, key + 12, 60, held));
                }
                notes.Add(new NoteEvent(beat, BassChannel, rootNote, 80, held));
                if (style.Drums != "none")
                {
                    notes.Add(new NoteEvent(beat, DrumChannel, 49, 80, 1));
                    notes.Add(new NoteEvent(beat, DrumChannel, 36, 95, 1));
                }
                continue;
            }
            var section = bar < intro ? 'I' : ((bar - intro) / 4) % 2 == 0 ? 'A' : 'B';
            var lift = section == 'B' ? 12 : 0;
            foreach (var key in chord)
            {
                notes.Add(new NoteEvent(beat, PadChannel, key, 52 + lift / 2, 4));
            }
            if (section == 'I')
            {
                continue;
            }
            foreach (var at in comping)
            {
                foreach (var key in chord)
                {
                    notes.Add(new NoteEvent(beat + at, KeysChannel, key + 12, 58 + lift, 0.45));
                }
            }
            AddBass(notes, style, beat, rootNote, Pitch(style, degree + 4, 2), 78 + lift);
            if (section == 'B')
            {
                var tones = chord.Select(k => k + 12).ToList();
                var order = arpShape switch { 0 => tones, 1 => tones.AsEnumerable().Reverse().ToList(), _ => [.. tones, .. tones.Skip(1).Reverse().Skip(1)] };
                for (var step = 0; step < 8; step++)
                {
                    notes.Add(new NoteEvent(beat + step * 0.5, LeadChannel, order[step % order.Count], 50 + (step % 2 == 0 ? 12 : 0), 0.45));
                }
            }
            AddDrums(notes, style.Drums, beat, section == 'B', bar % 4 == 3 && random.Next(2) == 0);
        }
        return notes;
    }

    /// <summary>The General MIDI program of each melodic channel.</summary>
    public static IReadOnlyDictionary<int, int> Programs(MusicStyle style) => new Dictionary<int, int>
    {
        [PadChannel] = style.Pad, [KeysChannel] = style.Keys, [BassChannel] = style.Bass, [LeadChannel] = style.Lead,
    };

    private static void AddBass(List<NoteEvent> notes, MusicStyle style, double beat, int root, int fifth, int velocity)
    {
        (double At, int Key, double Length)[] pattern = style.Drums switch
        {
            "none" => [(0, root, 4)],
            "four" => [(0, root, 0.45), (0.5, root + 12, 0.45), (1, root, 0.45), (1.5, root + 12, 0.45), (2, root, 0.45), (2.5, root + 12, 0.45), (3, root, 0.45), (3.5, root + 12, 0.45)],
            "lofi" => [(0, root, 1.5), (2.5, fifth, 1.2)],
            "pulse" => [(0, root, 0.4), (0.75, root, 0.2), (1.5, root, 0.4), (2, root, 0.4), (2.75, root, 0.2), (3.5, root, 0.4)],
            _ => [(0, root, 1.5), (1.5, root, 0.5), (2, fifth, 1.5), (3.5, root, 0.5)],
        };
        foreach (var (at, key, length) in pattern)
        {
            notes.Add(new NoteEvent(beat + at, Arranger.BassChannel, key, velocity, length));
        }
    }

    private static void AddDrums(List<NoteEvent> notes, string pattern, double beat, bool full, bool fill)
    {
        void Hit(double at, int key, int velocity) => notes.Add(new NoteEvent(beat + at, DrumChannel, key, velocity, 0.25));
        switch (pattern)
        {
            case "pop":
                Hit(0, 36, 100); Hit(2, 36, 95);
                if (full) { Hit(1, 38, 90); Hit(3, 38, 90); }
                for (var i = 0; i < 8; i++) Hit(i * 0.5, 42, full ? 60 : 45);
                break;
            case "four":
                for (var i = 0; i < 4; i++) Hit(i, 36, 105);
                if (full) { Hit(1, 39, 90); Hit(3, 39, 90); }
                for (var i = 0; i < 4; i++) Hit(i + 0.5, 46, full ? 65 : 45);
                break;
            case "lofi":
                Hit(0, 36, 90); Hit(2.5, 36, 80); Hit(1, 38, 70); Hit(3, 38, 70);
                for (var i = 0; i < 8; i++) Hit(i * 0.5 + (i % 2 == 1 ? 0.08 : 0), 42, 40);
                break;
            case "pulse":
                Hit(0, 36, 95); Hit(2, 36, 90);
                for (var i = 0; i < 16; i++) Hit(i * 0.25, 42, i % 4 == 0 ? 55 : 35);
                if (full) Hit(3.5, 45, 85);
                break;
            case "soft":
                Hit(0, 36, 70);
                for (var i = 0; i < 8; i++) Hit(i * 0.5, 70, full ? 55 : 40);
                break;
        }
        if (fill && pattern != "none")
        {
            Hit(3, 45, 80); Hit(3.25, 45, 75); Hit(3.5, 41, 85); Hit(3.75, 41, 90);
        }
    }

    private static int[] Chord(MusicStyle style, int degree, int octave)
    {
        var steps = style.Sevenths ? new[] { 0, 2, 4, 6 } : [0, 2, 4];
        return steps.Select(s => Pitch(style, degree + s, octave)).ToArray();
    }

    private static int Pitch(MusicStyle style, int degree, int octave)
    {
        var scale = style.Minor ? Minor : Major;
        return 12 * (octave + 1) + style.Root + scale[degree % 7] + 12 * (degree / 7);
    }
}

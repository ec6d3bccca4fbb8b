using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Text;

namespace Mediagate.Local.Music;

/// <summary>
/// The local music engine: prompt → style → arrangement → FluidSynth with a General MIDI SoundFont → an exact-length stereo track.
/// A normal track ends on a tonic chord at a bar line and fades out; a loop fills whole bars exactly (the tempo bends slightly to fit)
/// and wraps its release tail onto its start, so the seam is continuous. Tracks are normalised to <see cref="TargetLufs"/> with the
/// true peak at or below <see cref="CeilingDbtp"/>.
/// </summary>
public static class Composer
{
    /// <summary>Integrated loudness of a track, LUFS: below narration, which the mix places at −16.</summary>
    public const double TargetLufs = -18;

    /// <summary>The highest true peak, dBTP.</summary>
    public const double CeilingDbtp = -1;

    private const double TailSeconds = 3;
    private const double FadeIn = 0.5;

    /// <summary>Composes and renders a track.</summary>
    /// <exception cref="UsageException">The request is invalid (duration, tempo, key, rate).</exception>
    /// <exception cref="MusicEngineException">FluidSynth or a SoundFont is missing.</exception>
    public static MusicResult Compose(MusicRequest request, LocalEngines engines, CancellationToken cancellationToken = default)
    {
        if (request.Problem() is { } problem)
        {
            throw new UsageException(problem, "see mediagate music --help for the ranges");
        }
        var soundFont = engines.SoundFont ?? throw new MusicEngineException("no General MIDI SoundFont is installed; install one with: apt-get install timgm6mb-soundfont");
        var prompt = string.IsNullOrWhiteSpace(request.Prompt) ? StyleParser.DefaultPrompt : request.Prompt;
        var seed = request.Seed ?? StableHash.Of(prompt.Trim().ToLowerInvariant());
        var style = StyleParser.Parse(prompt, seed, request.Bpm, request.Key);
        var rate = request.SampleRate;

        var barSeconds = 4 * 60.0 / style.Bpm;
        int bars;
        double bpm = style.Bpm;
        if (request.Loop)
        {
            bars = Math.Max(1, (int)Math.Round(request.DurationSeconds / barSeconds));
            bpm = bars * 4 * 60.0 / request.DurationSeconds;
        }
        else
        {
            bars = Math.Max(2, (int)Math.Floor(request.DurationSeconds / barSeconds));
        }
        var notes = Arranger.Arrange(style, seed, bars, request.Loop);
        var frames = (int)Math.Round(request.DurationSeconds * rate);
        var rendered = Render(notes, Arranger.Programs(style), bpm, soundFont, rate, frames + (int)(TailSeconds * rate), cancellationToken);

        float[] track;
        if (request.Loop)
        {
            track = rendered[..(2 * frames)];
            for (var i = 2 * frames; i < rendered.Length; i++)
            {
                track[i - 2 * frames] += rendered[i];
            }
        }
        else
        {
            track = rendered[..(2 * frames)];
            var fadeOut = Math.Min(2.0, request.DurationSeconds * 0.2);
            for (var f = 0; f < frames; f++)
            {
                var t = (double)f / rate;
                var gain = Math.Min(1, Math.Pow(Math.Min(1, t / FadeIn), 2)) * Math.Min(1, (request.DurationSeconds - t) / fadeOut);
                track[2 * f] *= (float)gain;
                track[2 * f + 1] *= (float)gain;
            }
        }
        var before = LoudnessMeter.Measure(track, rate, 2);
        var gainDb = LoudnessMeter.GainTo(before, TargetLufs, CeilingDbtp);
        ChannelMix.ApplyGain(track, gainDb);
        return new MusicResult(style, seed, bars, bpm, track, rate, before.Shifted(gainDb), notes, soundFont);
    }

    private static float[] Render(List<NoteEvent> notes, IReadOnlyDictionary<int, int> programs, double bpm, string soundFont, int rate, int frames, CancellationToken cancellationToken)
    {
        var secondsPerBeat = 60.0 / bpm;
        var events = new List<(int Frame, int Order, NoteEvent Note, bool On)>(notes.Count * 2);
        foreach (var note in notes)
        {
            var on = (int)Math.Round(note.Beat * secondsPerBeat * rate);
            var off = on + Math.Max(1, (int)Math.Round(note.Length * secondsPerBeat * rate));
            events.Add((off, 0, note, false));
            events.Add((on, 1, note, true));
        }
        events.Sort((a, b) => a.Frame != b.Frame ? a.Frame.CompareTo(b.Frame) : a.Order.CompareTo(b.Order));

        var output = new float[2 * frames];
        using var synth = new FluidSynth(soundFont, rate);
        foreach (var (channel, program) in programs)
        {
            synth.Program(channel, program);
            synth.Controller(channel, 91, channel == Arranger.PadChannel ? 70 : 40);
        }
        synth.Controller(Arranger.KeysChannel, 10, 40);
        synth.Controller(Arranger.LeadChannel, 10, 88);
        synth.Controller(Arranger.LeadChannel, 7, 85);
        var position = 0;
        foreach (var (frame, _, note, on) in events)
        {
            var target = Math.Min(frame, frames);
            while (position < target)
            {
                var block = Math.Min(4096, target - position);
                synth.Render(output, position, block);
                position += block;
            }
            if (frame >= frames)
            {
                break;
            }
            if (on)
            {
                synth.NoteOn(note.Channel, note.Key, note.Velocity);
            }
            else
            {
                synth.NoteOff(note.Channel, note.Key);
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
        while (position < frames)
        {
            var block = Math.Min(4096, frames - position);
            synth.Render(output, position, block);
            position += block;
        }
        return output;
    }
}

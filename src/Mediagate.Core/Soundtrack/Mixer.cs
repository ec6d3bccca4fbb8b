using Mediagate.Audio;

namespace Mediagate.Soundtrack;

/// <summary>
/// Mixes a soundtrack at 48 kHz stereo: the narration set to the target loudness, the music a fixed distance below it and ducked
/// by a sidechain on the narration, each sound effect at its cue time and level; then the whole brought to the target loudness
/// with a look-ahead limiter holding the true peak under the ceiling (ITU-R BS.1770-4 measurement throughout).
/// </summary>
public static class Mixer
{
    private const int BlockFrames = MixSettings.SampleRate / 100;

    /// <summary>How close to the target the finished mix must measure, LU (the issue allows 0.5).</summary>
    private const double LoudnessTolerance = 0.2;

    /// <summary>How much louder a mono signal reads when played on both channels of a stereo pair.</summary>
    private static readonly double DualMonoDb = 10 * Math.Log10(2);

    /// <summary>Mixes <paramref name="input"/>.</summary>
    /// <exception cref="UsageException">The settings are unusable.</exception>
    public static MixResult Mix(MixInput input, MixSettings settings, CancellationToken cancellationToken = default)
    {
        if (settings.Problem() is { } problem)
        {
            throw new UsageException(problem, "fix the mix settings in the request; see mediagate audio --help");
        }
        const int rate = MixSettings.SampleRate;
        var frames = input.Frames;
        var target = settings.TargetLufs;

        // Narration: one mono bus, brought to the target as a whole so that every line keeps its level relative to the others.
        var voice = new float[frames];
        foreach (var clip in input.Voice)
        {
            var end = Math.Min(frames, clip.OffsetFrames + clip.Samples.Length);
            for (var i = Math.Max(0, clip.OffsetFrames); i < end; i++)
            {
                voice[i] += clip.Samples[i - clip.OffsetFrames];
            }
        }
        // The bus plays on both channels, which reads 10·log10(2) dB louder than the mono bus measured alone (BS.1770 sums the
        // channels' power); measuring the mono bus and adding that spares a stereo copy of the whole narration.
        var voiceLoudness = LoudnessMeter.Measure(voice, rate, 1, truePeak: false).IntegratedLufs + DualMonoDb;
        var hasVoice = !double.IsNegativeInfinity(voiceLoudness);
        var voiceGainDb = hasVoice ? target - voiceLoudness : 0;
        ChannelMix.ApplyGain(voice, voiceGainDb);
        cancellationToken.ThrowIfCancellationRequested();

        var mix = new float[frames * 2];
        for (var i = 0; i < frames; i++)
        {
            mix[2 * i] = voice[i];
            mix[2 * i + 1] = voice[i];
        }

        // Music: a bed below the narration, ducked while it speaks.
        double? musicGainDb = null;
        float[]? duck = null;
        if (input.Music is { Length: > 0 } music)
        {
            var musicLoudness = LoudnessMeter.Measure(music, rate, 2, truePeak: false).IntegratedLufs;
            musicGainDb = double.IsNegativeInfinity(musicLoudness) ? 0
                : target + (hasVoice ? settings.MusicBedLu : settings.MusicAloneLu) - musicLoudness;
            var gain = Math.Pow(10, musicGainDb.Value / 20);
            duck = hasVoice ? DuckingGain(voice, target, settings) : null;
            var musicFrames = Math.Min(frames, music.Length / 2);
            for (var i = 0; i < musicFrames; i++)
            {
                var g = (float)(duck is null ? gain : gain * duck[i]);
                mix[2 * i] += music[2 * i] * g;
                mix[2 * i + 1] += music[2 * i + 1] * g;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        // Sound effects: each one's loudest 400 ms at the narration's level times its volume.
        var sfxGains = new List<double>();
        foreach (var clip in input.Effects)
        {
            var loudest = LoudnessMeter.MeasureClip(clip.Stereo, rate, 2, truePeak: false).MomentaryMaxLufs;
            var gainDb = double.IsNegativeInfinity(loudest) || clip.Volume <= 0 ? double.NegativeInfinity : target - loudest + 20 * Math.Log10(clip.Volume);
            sfxGains.Add(gainDb);
            if (double.IsNegativeInfinity(gainDb))
            {
                continue;
            }
            var gain = (float)Math.Pow(10, gainDb / 20);
            var end = Math.Min(frames, clip.OffsetFrames + clip.Stereo.Length / 2);
            for (var i = Math.Max(0, clip.OffsetFrames); i < end; i++)
            {
                var j = i - clip.OffsetFrames;
                mix[2 * i] += clip.Stereo[2 * j] * gain;
                mix[2 * i + 1] += clip.Stereo[2 * j + 1] * gain;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        var (output, report, masterGainDb, limitedDb) = Master(mix, settings, cancellationToken);
        return new MixResult(output, report, voiceGainDb, musicGainDb, masterGainDb, limitedDb, sfxGains, duck);
    }

    /// <summary>
    /// The music's gain (linear, per frame) from a sidechain on the narration: 10 ms blocks within <see cref="MixSettings.VoiceGateDb"/>
    /// of the narration's level count as speech, held for <see cref="MixSettings.DuckHoldSeconds"/>; the gain ramps down by the depth
    /// over the attack time (starting that early, so it is down when the voice starts) and back up over the release time.
    /// </summary>
    public static float[] DuckingGain(ReadOnlySpan<float> voice, double narrationLufs, MixSettings settings)
    {
        var frames = voice.Length;
        var blocks = (frames + BlockFrames - 1) / BlockFrames;
        var speech = new bool[blocks];
        // A mono bus played on both channels reads 3 dB louder than the same bus measured alone.
        var threshold = Math.Pow(10, (narrationLufs - 3.01 - settings.VoiceGateDb) / 10);
        for (var b = 0; b < blocks; b++)
        {
            double sum = 0;
            var start = b * BlockFrames;
            var end = Math.Min(frames, start + BlockFrames);
            for (var i = start; i < end; i++)
            {
                sum += voice[i] * (double)voice[i];
            }
            speech[b] = sum / Math.Max(1, end - start) > threshold;
        }
        var hold = (int)Math.Round(settings.DuckHoldSeconds * 100);
        var lead = (int)Math.Ceiling(settings.DuckAttackSeconds * 100);
        var ducked = new bool[blocks];
        for (var b = 0; b < blocks; b++)
        {
            if (speech[b])
            {
                for (var k = Math.Max(0, b - lead); k <= Math.Min(blocks - 1, b + hold); k++)
                {
                    ducked[k] = true;
                }
            }
        }
        var gain = new float[frames];
        var down = settings.DuckDepthDb / (settings.DuckAttackSeconds * MixSettings.SampleRate);
        var up = settings.DuckDepthDb / (settings.DuckReleaseSeconds * MixSettings.SampleRate);
        var current = 0.0;
        var linear = 1f;
        for (var i = 0; i < frames; i++)
        {
            var wanted = ducked[i / BlockFrames] ? -settings.DuckDepthDb : 0;
            if (wanted != current)
            {
                current = wanted < current ? Math.Max(wanted, current - down) : Math.Min(wanted, current + up);
                linear = (float)Math.Pow(10, current / 20);
            }
            gain[i] = linear;
        }
        return gain;
    }

    /// <summary>Brings the mix to the target loudness under the true-peak ceiling: gain, limit, measure, and correct until both hold.</summary>
    private static (float[] Output, LoudnessReport Report, double GainDb, double LimitedDb) Master(float[] mix, MixSettings settings, CancellationToken cancellationToken)
    {
        const int rate = MixSettings.SampleRate;
        var before = LoudnessMeter.Measure(mix, rate, 2, truePeak: false);
        if (double.IsNegativeInfinity(before.IntegratedLufs))
        {
            return (mix, before, 0, 0);
        }
        var gainDb = settings.TargetLufs - before.IntegratedLufs;
        var ceiling = Math.Pow(10, (settings.CeilingDbtp - 0.3) / 20);
        var output = new float[mix.Length];
        LoudnessReport report = before;
        double limited = 0;
        // Once the limiter works, a dB more gain gives less than a dB more loudness; the next gain follows the slope measured
        // between the last two attempts (a secant step), so a loud target converges in two or three passes rather than many.
        double? previousGain = null, previousLoudness = null;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var gain = (float)Math.Pow(10, gainDb / 20);
            for (var i = 0; i < mix.Length; i++)
            {
                output[i] = mix[i] * gain;
            }
            limited = PeakLimiter.Apply(output, 2, rate, ceiling);
            report = LoudnessMeter.Measure(output, rate, 2);
            var loudnessOk = Math.Abs(report.IntegratedLufs - settings.TargetLufs) <= LoudnessTolerance;
            var peakOk = report.TruePeakDbtp <= settings.CeilingDbtp;
            if (loudnessOk && peakOk)
            {
                break;
            }
            var slope = previousGain is { } g0 && previousLoudness is { } l0 && Math.Abs(gainDb - g0) > 1e-3
                ? Math.Clamp((report.IntegratedLufs - l0) / (gainDb - g0), 0.2, 1.0)
                : 1.0;
            previousGain = gainDb;
            previousLoudness = report.IntegratedLufs;
            gainDb += (settings.TargetLufs - report.IntegratedLufs) / slope;
            if (!peakOk)
            {
                ceiling *= Math.Pow(10, -(report.TruePeakDbtp - settings.CeilingDbtp + 0.1) / 20);
            }
        }
        return (output, report, gainDb, limited);
    }
}

/// <summary>What goes into a mix, all at <see cref="MixSettings.SampleRate"/>.</summary>
/// <param name="Frames">The mix's length in frames.</param>
/// <param name="Voice">The narration lines, mono, at their offsets.</param>
/// <param name="Music">The music, interleaved stereo from the start, or null.</param>
/// <param name="Effects">The sound effects, interleaved stereo, at their offsets.</param>
public sealed record MixInput(int Frames, IReadOnlyList<VoiceClip> Voice, float[]? Music, IReadOnlyList<EffectClip> Effects);

/// <summary>A narration line on the timeline.</summary>
public sealed record VoiceClip(int OffsetFrames, float[] Samples);

/// <summary>A sound effect on the timeline.</summary>
public sealed record EffectClip(int OffsetFrames, float[] Stereo, double Volume);

/// <summary>The finished mix and the gains that made it.</summary>
/// <param name="Stereo">Interleaved stereo at <see cref="MixSettings.SampleRate"/>.</param>
/// <param name="Loudness">Its measurement.</param>
/// <param name="VoiceGainDb">The gain that brought the narration to the target.</param>
/// <param name="MusicGainDb">The music's gain before ducking, or null with no music.</param>
/// <param name="MasterGainDb">The final gain.</param>
/// <param name="LimitedDb">The deepest gain reduction the limiter applied.</param>
/// <param name="EffectGainsDb">Each effect's gain, in input order (negative infinity when silent).</param>
/// <param name="MusicDuck">The music's ducking gain per frame (linear), or null when nothing ducked it.</param>
public sealed record MixResult(float[] Stereo, LoudnessReport Loudness, double VoiceGainDb, double? MusicGainDb, double MasterGainDb,
    double LimitedDb, IReadOnlyList<double> EffectGainsDb, float[]? MusicDuck);

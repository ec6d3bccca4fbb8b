namespace Mediagate.Local.Sfx;

/// <summary>The building blocks of the sound-effect recipes: oscillators with sweeps, noise, envelopes, a state-variable filter, and saturation.</summary>
/// <remarks>Everything works on mono float buffers at <see cref="Rate"/>, and every random choice comes from the recipe's seeded <see cref="Random"/>.</remarks>
public static class Dsp
{
    /// <summary>The rendering rate.</summary>
    public const int Rate = 48000;

    /// <summary>A buffer for <paramref name="seconds"/> of audio.</summary>
    public static float[] Buffer(double seconds) => new float[(int)(seconds * Rate)];

    /// <summary>A sine whose frequency follows <paramref name="frequency"/>(t) in Hz, with phase carried across the sweep.</summary>
    public static float[] Sine(double seconds, Func<double, double> frequency, double phase = 0)
    {
        var x = Buffer(seconds);
        for (var i = 0; i < x.Length; i++)
        {
            phase += 2 * Math.PI * frequency((double)i / Rate) / Rate;
            x[i] = (float)Math.Sin(phase);
        }
        return x;
    }

    /// <summary>White noise in [-1, 1].</summary>
    public static float[] Noise(double seconds, Random random)
    {
        var x = Buffer(seconds);
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return x;
    }

    /// <summary>Multiplies by an envelope <paramref name="gain"/>(t).</summary>
    public static float[] Shape(float[] x, Func<double, double> gain)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= (float)gain((double)i / Rate);
        }
        return x;
    }

    /// <summary>An attack then exponential decay: rises linearly over <paramref name="attack"/> s, then falls by 60 dB over <paramref name="decay"/> s.</summary>
    public static Func<double, double> Percussive(double attack, double decay) =>
        t => t < attack ? t / attack : Math.Exp(-6.9 * (t - attack) / decay);

    /// <summary>A rise over <paramref name="rise"/> s, a hold, and a fall over <paramref name="fall"/> s, for a sound of <paramref name="length"/> s.</summary>
    public static Func<double, double> Swell(double length, double rise, double fall) =>
        t => t < rise ? Math.Pow(t / rise, 2) : t > length - fall ? Math.Max(0, (length - t) / fall) : 1;

    /// <summary>A state-variable filter (topology-preserving transform) whose cutoff follows <paramref name="cutoff"/>(t).</summary>
    public static float[] Filter(float[] x, FilterKind kind, Func<double, double> cutoff, double resonance = 0.7)
    {
        double ic1 = 0, ic2 = 0;
        var k = 1 / Math.Max(0.05, resonance);
        for (var i = 0; i < x.Length; i++)
        {
            var g = Math.Tan(Math.PI * Math.Clamp(cutoff((double)i / Rate), 20, Rate * 0.45) / Rate);
            var a1 = 1 / (1 + g * (g + k));
            var v3 = x[i] - ic2;
            var v1 = a1 * ic1 + g * a1 * v3;
            var v2 = ic2 + g * v1;
            ic1 = 2 * v1 - ic1;
            ic2 = 2 * v2 - ic2;
            x[i] = (float)(kind switch
            {
                FilterKind.LowPass => v2,
                FilterKind.BandPass => v1 * k,
                _ => x[i] - k * v1 - v2,
            });
        }
        return x;
    }

    /// <summary>Soft saturation: tanh with <paramref name="drive"/>, level-matched.</summary>
    public static float[] Saturate(float[] x, double drive)
    {
        var norm = Math.Tanh(drive);
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)(Math.Tanh(x[i] * drive) / norm);
        }
        return x;
    }

    /// <summary>Adds <paramref name="source"/> × <paramref name="gain"/> into <paramref name="target"/> from <paramref name="at"/> seconds.</summary>
    public static float[] Mix(float[] target, float[] source, double at = 0, double gain = 1)
    {
        var offset = (int)(at * Rate);
        for (var i = 0; i < source.Length && offset + i < target.Length; i++)
        {
            target[offset + i] += (float)(source[i] * gain);
        }
        return target;
    }

    /// <summary>A bell or chime partial set: each (ratio, level, decay) partial above <paramref name="fundamental"/>.</summary>
    public static float[] Partials(double seconds, double fundamental, params (double Ratio, double Level, double Decay)[] partials)
    {
        var x = Buffer(seconds);
        foreach (var (ratio, level, decay) in partials)
        {
            Mix(x, Shape(Sine(seconds, _ => fundamental * ratio), Percussive(0.002, decay)), gain: level);
        }
        return x;
    }

    /// <summary>Two-operator FM: a carrier at <paramref name="carrier"/> Hz modulated at <paramref name="ratio"/>× with an index that decays.</summary>
    public static float[] Fm(double seconds, double carrier, double ratio, double index, double indexDecay)
    {
        var x = Buffer(seconds);
        double carrierPhase = 0, modulatorPhase = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var t = (double)i / Rate;
            modulatorPhase += 2 * Math.PI * carrier * ratio / Rate;
            carrierPhase += 2 * Math.PI * carrier / Rate;
            x[i] = (float)Math.Sin(carrierPhase + index * Math.Exp(-t / indexDecay) * Math.Sin(modulatorPhase));
        }
        return x;
    }
}

/// <summary>Which output of the state-variable filter.</summary>
public enum FilterKind
{
    /// <summary>Below the cutoff.</summary>
    LowPass,

    /// <summary>Around the cutoff.</summary>
    BandPass,

    /// <summary>Above the cutoff.</summary>
    HighPass,
}

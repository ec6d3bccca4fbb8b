namespace Mediagate.Audio;

/// <summary>
/// Measures loudness per ITU-R BS.1770-4 / EBU R128. It K-weights each channel (a high shelf, then a high pass, designed for
/// the sample rate at hand) and keeps the mean square of every 100 ms. From those it takes 400 ms blocks every 100 ms for the
/// integrated loudness (gated at −70 LUFS absolute and −10 LU relative), 3 s windows every 100 ms for the loudness range (EBU
/// Tech 3342: −70 LUFS and −20 LU gates, 10th to 95th percentile), and a 4× oversampled signal for the true peak.
/// Feed it interleaved samples in any block size; <see cref="Add"/> does not allocate.
/// </summary>
/// <remarks>
/// The 400 ms and 3 s windows are summed from a ring of the last 30 sub-blocks as they complete, and go into fixed histograms
/// (<see cref="LoudnessHistogram"/>), so memory does not grow with the length of the audio.
/// </remarks>
public sealed class LoudnessMeter
{
    private const int Oversampling = 4;
    private const int TapsPerPhase = 12;
    private const int ChunkFrames = 256;

    private readonly int _channels;
    private readonly Biquad[] _shelf;
    private readonly Biquad[] _highPass;
    private readonly int _subBlockLength;
    private readonly double[] _subBlockSum;
    private const int MomentaryBlocks = 4;
    private const int ShortTermBlocks = 30;
    private readonly double[] _recent = new double[ShortTermBlocks];
    private readonly LoudnessHistogram _momentary = new();
    private readonly LoudnessHistogram _shortTerm = new();
    private long _subBlockCount;
    private double _loudestMomentary = -1;
    private readonly float[][] _history;
    private readonly int[] _historyPosition;
    private readonly float[][] _phases;
    private readonly float _phaseGain;
    private readonly bool _measureTruePeak;
    private readonly bool[] _interpolate = new bool[8];
    private int _subBlockFill;
    private long _frames;
    private double _truePeak;
    private double _samplePeak;

    /// <summary>Creates a meter for interleaved audio of <paramref name="channels"/> channels at <paramref name="sampleRate"/>.</summary>
    /// <remarks>Channel weights: 1.0 for the first three channels (L, R, C), 1.41 for surrounds; mono is measured as one channel.</remarks>
    /// <param name="truePeak">False skips the 4× oversampled true peak (then reported as the sample peak), for a measure of loudness alone at a fraction of the cost.</param>
    public LoudnessMeter(int sampleRate, int channels, bool truePeak = true)
    {
        if (sampleRate < 8000 || channels is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), "the meter needs 8 kHz or more and 1 to 8 channels");
        }
        SampleRate = sampleRate;
        _channels = channels;
        _shelf = Enumerable.Range(0, channels).Select(_ => Biquad.HighShelf(sampleRate)).ToArray();
        _highPass = Enumerable.Range(0, channels).Select(_ => Biquad.HighPass(sampleRate)).ToArray();
        _subBlockLength = sampleRate / 10;
        _subBlockSum = new double[channels];
        _history = Enumerable.Range(0, channels).Select(_ => new float[2 * TapsPerPhase]).ToArray();
        _historyPosition = new int[channels];
        _phases = InterpolationPhases();
        _phaseGain = _phases.Max(phase => phase.Sum(Math.Abs));
        _measureTruePeak = truePeak;
    }

    /// <summary>The sample rate measured.</summary>
    public int SampleRate { get; }

    /// <summary>Adds interleaved samples.</summary>
    public void Add(ReadOnlySpan<float> interleaved)
    {
        var frames = interleaved.Length / _channels;
        for (var start = 0; start < frames; start += ChunkFrames)
        {
            var chunk = interleaved.Slice(start * _channels, Math.Min(ChunkFrames, frames - start) * _channels);
            if (_measureTruePeak)
            {
                PlanInterpolation(chunk);
            }
            AddChunk(chunk);
        }
        _frames += frames;
    }

    /// <summary>
    /// Decides per channel whether a chunk can hold a new true peak. An interpolated sample is a weighted sum of 12 neighbours, so
    /// it cannot exceed the largest neighbour times the sum of the absolute weights; a chunk under the peak found so far by that
    /// bound is skipped exactly, not approximately.
    /// </summary>
    private void PlanInterpolation(ReadOnlySpan<float> chunk)
    {
        for (var c = 0; c < _channels; c++)
        {
            var largest = 0f;
            foreach (var h in _history[c])
            {
                largest = Math.Max(largest, Math.Abs(h));
            }
            for (var i = c; i < chunk.Length; i += _channels)
            {
                largest = Math.Max(largest, Math.Abs(chunk[i]));
            }
            _interpolate[c] = largest * _phaseGain > _truePeak;
        }
    }

    private void AddChunk(ReadOnlySpan<float> interleaved)
    {
        var frames = interleaved.Length / _channels;
        for (var f = 0; f < frames; f++)
        {
            for (var c = 0; c < _channels; c++)
            {
                var x = interleaved[f * _channels + c];
                _samplePeak = Math.Max(_samplePeak, Math.Abs(x));
                if (_measureTruePeak)
                {
                    TrackTruePeak(c, x, _interpolate[c]);
                }
                var y = _highPass[c].Process(_shelf[c].Process(x));
                _subBlockSum[c] += y * y;
            }
            if (++_subBlockFill == _subBlockLength)
            {
                double weighted = 0;
                for (var c = 0; c < _channels; c++)
                {
                    weighted += Weight(c) * _subBlockSum[c] / _subBlockLength;
                    _subBlockSum[c] = 0;
                }
                AddSubBlock(weighted);
                _subBlockFill = 0;
            }
        }
    }

    /// <summary>Adds a finished 100 ms sub-block, and the 400 ms and 3 s windows it completes.</summary>
    private void AddSubBlock(double power)
    {
        _recent[_subBlockCount % ShortTermBlocks] = power;
        _subBlockCount++;
        if (_subBlockCount >= MomentaryBlocks)
        {
            var momentary = Window(MomentaryBlocks);
            _momentary.Add(momentary);
            _loudestMomentary = Math.Max(_loudestMomentary, momentary);
        }
        if (_subBlockCount >= ShortTermBlocks)
        {
            _shortTerm.Add(Window(ShortTermBlocks));
        }
    }

    /// <summary>The mean power of the last <paramref name="blocks"/> sub-blocks.</summary>
    private double Window(int blocks)
    {
        double sum = 0;
        for (var i = 1; i <= blocks; i++)
        {
            sum += _recent[(_subBlockCount - i) % ShortTermBlocks];
        }
        return Math.Max(0, sum / blocks);
    }

    /// <summary>The measurement so far.</summary>
    public LoudnessReport Result()
    {
        var integrated = _momentary.GatedLoudness(-10);
        var range = _shortTerm.Range();
        var loudest = _loudestMomentary < 0 ? double.NegativeInfinity : Lufs(_loudestMomentary);
        return new LoudnessReport(integrated, range, Db(Math.Max(_truePeak, _samplePeak)), Db(_samplePeak), (double)_frames / SampleRate, loudest);
    }

    /// <summary>Measures a whole interleaved signal.</summary>
    /// <param name="truePeak">False skips the true peak, which is then the sample peak.</param>
    public static LoudnessReport Measure(ReadOnlySpan<float> interleaved, int sampleRate, int channels, bool truePeak = true)
    {
        var meter = new LoudnessMeter(sampleRate, channels, truePeak);
        meter.Add(interleaved);
        return meter.Result();
    }

    /// <summary>
    /// Measures a clip that may be shorter than a 400 ms block (a click, a pop): one under half a second is padded with silence to
    /// half a second first, so that it has a momentary loudness at all.
    /// </summary>
    /// <param name="truePeak">False skips the true peak, which is then the sample peak.</param>
    public static LoudnessReport MeasureClip(ReadOnlySpan<float> interleaved, int sampleRate, int channels, bool truePeak = true)
    {
        var minimum = sampleRate / 2 * channels;
        if (interleaved.Length >= minimum)
        {
            return Measure(interleaved, sampleRate, channels, truePeak);
        }
        var padded = new float[minimum];
        interleaved.CopyTo(padded);
        return Measure(padded, sampleRate, channels, truePeak);
    }

    /// <summary>The gain, in dB, that brings <paramref name="report"/> to <paramref name="targetLufs"/> without its true peak passing <paramref name="ceilingDbtp"/>.</summary>
    public static double GainTo(LoudnessReport report, double targetLufs, double ceilingDbtp = -1.0)
    {
        if (double.IsNegativeInfinity(report.IntegratedLufs))
        {
            return 0;
        }
        var gain = targetLufs - report.IntegratedLufs;
        return double.IsNegativeInfinity(report.TruePeakDbtp) ? gain : Math.Min(gain, ceilingDbtp - report.TruePeakDbtp);
    }

    private double Weight(int channel) => channel is 3 or 4 && _channels >= 5 ? 1.41 : 1.0;

    private static double Lufs(double power) => power <= 0 ? double.NegativeInfinity : -0.691 + 10 * Math.Log10(power);

    private static double Db(double amplitude) => amplitude <= 0 ? double.NegativeInfinity : 20 * Math.Log10(amplitude);

    /// <summary>Keeps the last 12 samples in a ring written twice, so the newest-first window is always one contiguous span.</summary>
    private void TrackTruePeak(int channel, float x, bool interpolate)
    {
        var history = _history[channel];
        var position = _historyPosition[channel] = (_historyPosition[channel] + TapsPerPhase - 1) % TapsPerPhase;
        history[position] = x;
        history[position + TapsPerPhase] = x;
        if (!interpolate)
        {
            return;
        }
        var window = history.AsSpan(position, TapsPerPhase);
        foreach (var phase in _phases)
        {
            var y = 0f;
            for (var t = 0; t < TapsPerPhase; t++)
            {
                y += phase[t] * window[t];
            }
            _truePeak = Math.Max(_truePeak, Math.Abs(y));
        }
    }

    /// <summary>A 48-tap windowed-sinc interpolator for 4× oversampling, split into 4 phases of 12 taps.</summary>
    private static float[][] InterpolationPhases()
    {
        const int taps = Oversampling * TapsPerPhase;
        var phases = new float[Oversampling][];
        for (var p = 0; p < Oversampling; p++)
        {
            phases[p] = new float[TapsPerPhase];
        }
        var centre = (taps - 1) / 2.0;
        for (var n = 0; n < taps; n++)
        {
            var x = (n - centre) / Oversampling;
            var sinc = Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
            var window = 0.5 - 0.5 * Math.Cos(2 * Math.PI * (n + 0.5) / taps);
            phases[n % Oversampling][n / Oversampling] = (float)(sinc * window);
        }
        foreach (var phase in phases)
        {
            var sum = phase.Sum();
            for (var t = 0; t < phase.Length; t++)
            {
                phase[t] /= sum;
            }
        }
        return phases;
    }

    /// <summary>A direct-form II transposed biquad.</summary>
    private sealed class Biquad(double b0, double b1, double b2, double a1, double a2)
    {
        private double _z1;
        private double _z2;

        public double Process(double x)
        {
            var y = b0 * x + _z1;
            _z1 = b1 * x - a1 * y + _z2;
            _z2 = b2 * x - a2 * y;
            return y;
        }

        /// <summary>BS.1770's first stage (the head's acoustic effect), designed for any rate as libebur128 does.</summary>
        public static Biquad HighShelf(int rate)
        {
            const double f0 = 1681.974450955533, gain = 3.999843853973347, q = 0.7071752369554196;
            var k = Math.Tan(Math.PI * f0 / rate);
            var vh = Math.Pow(10, gain / 20);
            var vb = Math.Pow(vh, 0.4996667741545416);
            var a0 = 1 + k / q + k * k;
            return new Biquad((vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
        }

        /// <summary>BS.1770's second stage (the RLB high pass).</summary>
        public static Biquad HighPass(int rate)
        {
            const double f0 = 38.13547087602444, q = 0.5003270373238773;
            var k = Math.Tan(Math.PI * f0 / rate);
            var a0 = 1 + k / q + k * k;
            return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0);
        }
    }
}

using NWaves.Transforms;

namespace Mediagate.Alignment;

/// <summary>
/// Mel-frequency cepstral coefficients of 16 kHz speech: 25 ms Hamming frames every 10 ms, a 512-point FFT, 26 mel bands up to
/// 8 kHz, and cepstra 1–12 (c0, the loudness, is left out so that level differences do not count). Each signal's mean is then
/// subtracted (cepstral mean normalisation), which cancels steady channel differences such as another voice's timbre or a microphone.
/// </summary>
public static class Mfcc
{
    /// <summary>The rate the features are computed at.</summary>
    public const int SampleRate = 16000;

    /// <summary>Samples between frames: 10 ms.</summary>
    public const int Hop = 160;

    /// <summary>Coefficients per frame.</summary>
    public const int Coefficients = 12;

    private const int FrameLength = 400;
    private const int FftSize = 512;
    private const int MelBands = 26;

    /// <summary>Frames computed together on one thread.</summary>
    private const int BlockFrames = 1024;

    private static readonly float[] Window = Enumerable.Range(0, FrameLength).Select(i => (float)(0.54 - 0.46 * Math.Cos(2 * Math.PI * i / (FrameLength - 1)))).ToArray();
    private static readonly (int Start, float[] Weights)[] Filters = MelFilters();
    private static readonly double[,] Dct = DctMatrix();

    /// <summary>The number of frames for <paramref name="samples"/> samples.</summary>
    public static int FrameCount(int samples) => Math.Max(0, (samples - FrameLength) / Hop + 1);

    /// <summary>Computes the features, frame-major: frame f's coefficients are at [f * Coefficients, (f + 1) * Coefficients).</summary>
    /// <param name="signal">16 kHz mono audio.</param>
    /// <param name="logEnergy">Receives each frame's log energy (for telling speech from silence).</param>
    public static float[] Compute(float[] signal, out float[] logEnergy)
    {
        var frames = FrameCount(signal.Length);
        var features = new float[frames * Coefficients];
        logEnergy = new float[frames];
        var melFrames = new double[frames * MelBands];
        var energies = logEnergy;
        var blocks = (frames + BlockFrames - 1) / BlockFrames;
        var loudestOfBlock = new double[blocks];
        var samples = signal;
        Parallel.For(0, blocks, block =>
        {
            var fft = new RealFft(FftSize);
            var (frame, re, im) = (new float[FftSize], new float[FftSize / 2 + 1], new float[FftSize / 2 + 1]);
            double loudest = 1e-10;
            for (var f = block * BlockFrames; f < Math.Min(frames, (block + 1) * BlockFrames); f++)
            {
                var offset = f * Hop;
                double energy = 0;
                var previous = offset > 0 ? samples[offset - 1] : 0f;
                for (var i = 0; i < FrameLength; i++)
                {
                    var sample = samples[offset + i];
                    frame[i] = (sample - 0.97f * previous) * Window[i];
                    energy += sample * (double)sample;
                    previous = sample;
                }
                Array.Clear(frame, FrameLength, FftSize - FrameLength);
                energies[f] = (float)Math.Log10(energy / FrameLength + 1e-12);
                fft.Direct(frame, re, im);
                for (var b = 0; b < MelBands; b++)
                {
                    var (start, weights) = Filters[b];
                    double sum = 0;
                    for (var k = 0; k < weights.Length; k++)
                    {
                        var (real, imaginary) = (re[start + k], im[start + k]);
                        sum += weights[k] * ((double)real * real + (double)imaginary * imaginary);
                    }
                    melFrames[f * MelBands + b] = sum;
                    loudest = Math.Max(loudest, sum);
                }
            }
            loudestOfBlock[block] = loudest;
        });
        var mel = new double[MelBands];
        var loudest = blocks > 0 ? loudestOfBlock.Max() : 1e-10;
        // A floor relative to the loudest band keeps digital silence and quiet noise alike, so silences match silences.
        var floor = loudest * 1e-6;
        for (var f = 0; f < frames; f++)
        {
            for (var b = 0; b < MelBands; b++)
            {
                mel[b] = Math.Log(melFrames[f * MelBands + b] + floor);
            }
            for (var c = 0; c < Coefficients; c++)
            {
                double sum = 0;
                for (var b = 0; b < MelBands; b++)
                {
                    sum += Dct[c + 1, b] * mel[b];
                }
                features[f * Coefficients + c] = (float)sum;
            }
        }
        NormaliseMean(features, frames);
        return features;
    }

    private static void NormaliseMean(float[] features, int frames)
    {
        if (frames == 0)
        {
            return;
        }
        for (var c = 0; c < Coefficients; c++)
        {
            double mean = 0;
            for (var f = 0; f < frames; f++)
            {
                mean += features[f * Coefficients + c];
            }
            mean /= frames;
            for (var f = 0; f < frames; f++)
            {
                features[f * Coefficients + c] -= (float)mean;
            }
        }
    }

    private static (int, float[])[] MelFilters()
    {
        static double ToMel(double hz) => 2595 * Math.Log10(1 + hz / 700);
        static double ToHz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
        var points = Enumerable.Range(0, MelBands + 2)
            .Select(i => ToHz(ToMel(0) + i * (ToMel(SampleRate / 2.0) - ToMel(0)) / (MelBands + 1)) * FftSize / SampleRate)
            .ToArray();
        var filters = new (int, float[])[MelBands];
        for (var b = 0; b < MelBands; b++)
        {
            var start = (int)Math.Floor(points[b]);
            var end = Math.Min(FftSize / 2, (int)Math.Ceiling(points[b + 2]));
            var weights = new float[end - start + 1];
            for (var k = start; k <= end; k++)
            {
                var w = k < points[b + 1] ? (k - points[b]) / (points[b + 1] - points[b]) : (points[b + 2] - k) / (points[b + 2] - points[b + 1]);
                weights[k - start] = (float)Math.Max(0, w);
            }
            filters[b] = (start, weights);
        }
        return filters;
    }

    private static double[,] DctMatrix()
    {
        var dct = new double[Coefficients + 1, MelBands];
        for (var c = 0; c <= Coefficients; c++)
        {
            for (var b = 0; b < MelBands; b++)
            {
                dct[c, b] = Math.Cos(Math.PI * c * (b + 0.5) / MelBands);
            }
        }
        return dct;
    }
}

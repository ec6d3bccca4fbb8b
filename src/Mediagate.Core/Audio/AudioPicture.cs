using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Mediagate.Audio;

/// <summary>Draws a sound as a small picture: its waveform on top, its spectrogram (log frequency, 50 Hz–20 kHz) below.</summary>
public static class AudioPicture
{
    /// <summary>Renders <paramref name="mono"/> at <paramref name="sampleRate"/> as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static byte[] Render(float[] mono, int sampleRate, int width = 480, int height = 160)
    {
        var waveHeight = height * 3 / 8;
        var rgb = new byte[width * height * 3];
        void Set(int x, int y, (byte R, byte G, byte B) c)
        {
            var i = (y * width + x) * 3;
            (rgb[i], rgb[i + 1], rgb[i + 2]) = c;
        }
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                Set(x, y, (18, 20, 28));
            }
        }
        var peak = Math.Max(1e-6f, mono.Length == 0 ? 0 : mono.Max(Math.Abs));
        for (var x = 0; x < width; x++)
        {
            var from = (int)((long)x * mono.Length / width);
            var to = Math.Max(from + 1, (int)((long)(x + 1) * mono.Length / width));
            float lo = 0, hi = 0;
            for (var i = from; i < to && i < mono.Length; i++)
            {
                lo = Math.Min(lo, mono[i]);
                hi = Math.Max(hi, mono[i]);
            }
            var mid = waveHeight / 2;
            var top = mid - (int)(hi / peak * (mid - 2));
            var bottom = mid - (int)(lo / peak * (mid - 2));
            for (var y = Math.Max(0, top); y <= Math.Min(waveHeight - 1, bottom); y++)
            {
                Set(x, y, (120, 200, 255));
            }
        }
        Spectrogram(mono, sampleRate, width, height - waveHeight, (x, y, c) => Set(x, waveHeight + y, c));
        return Png.Encode(width, height, rgb);
    }

    private static void Spectrogram(float[] mono, int rate, int width, int height, Action<int, int, (byte, byte, byte)> set)
    {
        const int size = 1024;
        var columns = new double[width][];
        var loudest = 1e-12;
        var buffer = new Complex[size];
        for (var x = 0; x < width; x++)
        {
            var centre = (long)(x + 0.5) * mono.Length / width;
            for (var i = 0; i < size; i++)
            {
                var index = centre - size / 2 + i;
                var sample = index >= 0 && index < mono.Length ? mono[index] : 0;
                buffer[i] = new Complex(sample * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / size)), 0);
            }
            Fourier.Forward(buffer, FourierOptions.NoScaling);
            columns[x] = new double[height];
            for (var y = 0; y < height; y++)
            {
                var f0 = 50 * Math.Pow(20000.0 / 50, (double)(height - 1 - y) / height);
                var f1 = 50 * Math.Pow(20000.0 / 50, (double)(height - y) / height);
                var k0 = Math.Clamp((int)(f0 * size / rate), 1, size / 2 - 1);
                var k1 = Math.Clamp((int)Math.Ceiling(f1 * size / rate), k0, size / 2 - 1);
                double energy = 0;
                for (var k = k0; k <= k1; k++)
                {
                    energy = Math.Max(energy, buffer[k].Magnitude * buffer[k].Magnitude);
                }
                columns[x][y] = energy;
                loudest = Math.Max(loudest, energy);
            }
        }
        for (var x = 0; x < width; x++)
        {
            for (var y = 0; y < height; y++)
            {
                var db = 10 * Math.Log10(columns[x][y] / loudest + 1e-12);
                set(x, y, Colour(Math.Clamp((db + 80) / 80, 0, 1)));
            }
        }
    }

    /// <summary>Dark blue through magenta and orange to pale yellow, as level rises.</summary>
    private static (byte, byte, byte) Colour(double v) =>
        ((byte)(255 * Math.Clamp(1.6 * v, 0, 1)), (byte)(255 * Math.Clamp(2 * v - 0.9, 0, 1)), (byte)(255 * Math.Clamp(v < 0.5 ? 0.3 + v : 1.6 - 1.6 * v + 0.2, 0, 1)));
}

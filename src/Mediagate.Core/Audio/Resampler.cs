using System.Runtime.InteropServices;

namespace Mediagate.Audio;

/// <summary>A band-limited streaming resampler for mono float audio, backed by libsoxr (Debian <c>libsoxr0</c>) at its high-quality setting.</summary>
public sealed unsafe partial class Resampler : IDisposable
{
    private const string Library = "libsoxr.so.0";
    private nint _handle;

    /// <summary>Creates a resampler from <paramref name="inputRate"/> to <paramref name="outputRate"/>.</summary>
    /// <exception cref="DllNotFoundException">libsoxr is not installed.</exception>
    public Resampler(double inputRate, double outputRate)
    {
        InputRate = inputRate;
        OutputRate = outputRate;
        if (inputRate == outputRate)
        {
            return;
        }
        nint error;
        _handle = soxr_create(inputRate, outputRate, 1, &error, null, null, null);
        if (_handle == 0 || error != 0)
        {
            throw new InvalidOperationException($"libsoxr could not create a {inputRate}→{outputRate} Hz resampler: {Marshal.PtrToStringUTF8(error)}");
        }
    }

    /// <summary>The input rate.</summary>
    public double InputRate { get; }

    /// <summary>The output rate.</summary>
    public double OutputRate { get; }

    /// <summary>Resamples a block and hands every produced sample to <paramref name="output"/>; pass an empty block to flush at the end.</summary>
    public void Process(ReadOnlySpan<float> input, Action<ReadOnlySpan<float>> output)
    {
        if (_handle == 0)
        {
            if (!input.IsEmpty)
            {
                output(input);
            }
            return;
        }
        var outBuffer = new float[Math.Max(4096, (int)(input.Length * OutputRate / InputRate) + 256)];
        fixed (float* inPtr = input)
        fixed (float* outPtr = outBuffer)
        {
            var flushing = input.IsEmpty;
            nuint offset = 0;
            while (true)
            {
                nuint used, produced;
                var error = soxr_process(_handle, flushing ? null : inPtr + offset, flushing ? 0 : (nuint)input.Length - offset, &used, outPtr, (nuint)outBuffer.Length, &produced);
                if (error != 0)
                {
                    throw new InvalidOperationException($"libsoxr failed: {Marshal.PtrToStringUTF8(error)}");
                }
                offset += used;
                if (produced > 0)
                {
                    output(outBuffer.AsSpan(0, (int)produced));
                }
                if ((flushing && produced == 0) || (!flushing && offset >= (nuint)input.Length && produced < (nuint)outBuffer.Length))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Resamples a whole signal at once.</summary>
    public static float[] Convert(ReadOnlySpan<float> input, double inputRate, double outputRate)
    {
        if (inputRate == outputRate)
        {
            return input.ToArray();
        }
        using var resampler = new Resampler(inputRate, outputRate);
        var result = new List<float>((int)(input.Length * outputRate / inputRate) + 64);
        resampler.Process(input, block => result.AddRange(block));
        resampler.Process([], block => result.AddRange(block));
        return [.. result];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle != 0)
        {
            soxr_delete(_handle);
            _handle = 0;
        }
    }

    [LibraryImport(Library)]
    private static partial nint soxr_create(double inputRate, double outputRate, uint channels, nint* error, void* ioSpec, void* qualitySpec, void* runtimeSpec);

    [LibraryImport(Library)]
    private static partial nint soxr_process(nint resampler, float* input, nuint inputLength, nuint* inputDone, float* output, nuint outputLength, nuint* outputDone);

    [LibraryImport(Library)]
    private static partial void soxr_delete(nint resampler);
}

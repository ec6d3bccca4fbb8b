using System.Runtime.InteropServices;

namespace Mediagate.Audio;

/// <summary>A band-limited streaming resampler for mono float audio, backed by libsoxr (Debian <c>libsoxr0</c>).</summary>
/// <remarks>The default precision is soxr's 16-bit recipe, which matches the 16-bit PCM Mediagate writes; 20-bit costs more and the extra bits are discarded.</remarks>
public sealed unsafe partial class Resampler : IDisposable
{
    private const string Library = "libsoxr.so.0";
    private nint _handle;
    private float[] _output = [];

    /// <summary>soxr's 16-bit quality recipe (SOXR_16_BITQ).</summary>
    public const uint Quality16Bit = 3;

    /// <summary>soxr's 20-bit "high quality" recipe (SOXR_HQ).</summary>
    public const uint Quality20Bit = 4;

    /// <summary>Creates a resampler from <paramref name="inputRate"/> to <paramref name="outputRate"/> with a soxr quality recipe.</summary>
    /// <exception cref="DllNotFoundException">libsoxr is not installed.</exception>
    public Resampler(double inputRate, double outputRate, uint quality = Quality16Bit)
    {
        InputRate = inputRate;
        OutputRate = outputRate;
        if (inputRate == outputRate)
        {
            return;
        }
        nint error;
        var spec = soxr_quality_spec(quality, 0);
        _handle = soxr_create(inputRate, outputRate, 1, &error, null, &spec, null);
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
        var needed = Math.Max(4096, (int)(input.Length * OutputRate / InputRate) + 256);
        if (_output.Length < needed)
        {
            _output = new float[needed];
        }
        var outBuffer = _output;
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
        var source = input.ToArray();
        var offset = 0;
        return Convert(buffer =>
        {
            var count = Math.Min(buffer.Length, source.Length - offset);
            source.AsSpan(offset, count).CopyTo(buffer);
            offset += count;
            return count;
        }, source.Length, inputRate, outputRate);
    }

    /// <summary>Resamples a signal read block by block (0 ends it) into one array, so the input is never held whole.</summary>
    /// <param name="read">Fills the span with the next samples and returns how many; 0 at the end.</param>
    /// <param name="expectedInput">The input's length, if known, to size the output once.</param>
    /// <param name="inputRate">The input rate.</param>
    /// <param name="outputRate">The output rate.</param>
    public static float[] Convert(Func<Span<float>, int> read, long expectedInput, double inputRate, double outputRate)
    {
        var result = new float[(int)Math.Ceiling(expectedInput * outputRate / inputRate) + 4096];
        var count = 0;
        void Append(ReadOnlySpan<float> block)
        {
            if (count + block.Length > result.Length)
            {
                Array.Resize(ref result, Math.Max(result.Length * 2, count + block.Length));
            }
            block.CopyTo(result.AsSpan(count));
            count += block.Length;
        }
        using var resampler = new Resampler(inputRate, outputRate);
        var buffer = new float[1 << 16];
        int got;
        while ((got = read(buffer)) > 0)
        {
            resampler.Process(buffer.AsSpan(0, got), Append);
        }
        resampler.Process([], Append);
        Array.Resize(ref result, count);
        return result;
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

    /// <summary>soxr_quality_spec_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct QualitySpec
    {
        public double Precision;
        public double PhaseResponse;
        public double PassbandEnd;
        public double StopbandBegin;
        public nint E;
        public nuint Flags;
    }

    [LibraryImport(Library)]
    private static partial QualitySpec soxr_quality_spec(nuint recipe, nuint flags);

    [LibraryImport(Library)]
    private static partial nint soxr_create(double inputRate, double outputRate, uint channels, nint* error, void* ioSpec, QualitySpec* qualitySpec, void* runtimeSpec);

    [LibraryImport(Library)]
    private static partial nint soxr_process(nint resampler, float* input, nuint inputLength, nuint* inputDone, float* output, nuint outputLength, nuint* outputDone);

    [LibraryImport(Library)]
    private static partial void soxr_delete(nint resampler);
}

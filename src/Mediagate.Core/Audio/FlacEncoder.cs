using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mediagate.Audio;

/// <summary>
/// Encodes float audio to 16-bit FLAC with libFLAC (Debian <c>libflac12</c>, through P/Invoke), writing frames to a stream as
/// they are made. On a stream that cannot seek, the STREAMINFO block keeps "length unknown", which decoders accept.
/// </summary>
public sealed unsafe partial class FlacEncoder : IDisposable
{
    private const string Library = "libFLAC.so.12";

    private readonly NativeOutput _output;
    private readonly int _channels;
    private nint _encoder;
    private int[] _buffer = new int[4096];

    /// <summary>Starts an encoder writing to <paramref name="output"/>.</summary>
    /// <param name="output">Receives the FLAC stream; it need not be seekable.</param>
    /// <param name="sampleRate">The rate, stored as it is.</param>
    /// <param name="channels">1 to 8.</param>
    /// <exception cref="DllNotFoundException">libFLAC is not installed (apt-get install libflac12).</exception>
    public FlacEncoder(Stream output, int sampleRate, int channels)
    {
        _output = new NativeOutput(output);
        _channels = channels;
        _encoder = FLAC__stream_encoder_new();
        if (_encoder == 0
            || FLAC__stream_encoder_set_channels(_encoder, (uint)channels) == 0
            || FLAC__stream_encoder_set_bits_per_sample(_encoder, 16) == 0
            || FLAC__stream_encoder_set_sample_rate(_encoder, (uint)sampleRate) == 0
            || FLAC__stream_encoder_set_compression_level(_encoder, 5) == 0)
        {
            Dispose();
            throw new InvalidOperationException($"libFLAC refused the settings ({sampleRate} Hz, {channels} channels, 16 bits)");
        }
        var status = FLAC__stream_encoder_init_stream(_encoder, &OnWrite, null, null, null, _output.Handle);
        if (status != 0)
        {
            Dispose();
            throw new InvalidOperationException($"libFLAC could not start an encoder: init status {status}");
        }
    }

    /// <summary>Encodes interleaved samples.</summary>
    /// <exception cref="IOException">The output stream failed.</exception>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        if (_buffer.Length < interleaved.Length)
        {
            _buffer = new int[interleaved.Length];
        }
        for (var i = 0; i < interleaved.Length; i++)
        {
            _buffer[i] = Pcm16.ToShort(interleaved[i]);
        }
        fixed (int* samples = _buffer)
        {
            Check(FLAC__stream_encoder_process_interleaved(_encoder, samples, (uint)(interleaved.Length / _channels)), "encode");
        }
    }

    /// <summary>Flushes the last frame and ends the stream.</summary>
    public void Complete()
    {
        Check(FLAC__stream_encoder_finish(_encoder), "finish");
        _output.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_encoder != 0)
        {
            FLAC__stream_encoder_delete(_encoder);
            _encoder = 0;
        }
        _output.Dispose();
    }

    private void Check(int ok, string what)
    {
        _output.ThrowIfFailed("FLAC");
        if (ok == 0)
        {
            throw new InvalidOperationException($"libFLAC failed to {what}: state {FLAC__stream_encoder_get_state(_encoder)}");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnWrite(nint encoder, byte* buffer, nuint bytes, uint samples, uint frame, nint self) => NativeOutput.Write(self, buffer, (int)bytes);

    [LibraryImport(Library)] private static partial nint FLAC__stream_encoder_new();
    [LibraryImport(Library)] private static partial void FLAC__stream_encoder_delete(nint encoder);
    [LibraryImport(Library)] private static partial int FLAC__stream_encoder_set_channels(nint encoder, uint channels);
    [LibraryImport(Library)] private static partial int FLAC__stream_encoder_set_bits_per_sample(nint encoder, uint bits);
    [LibraryImport(Library)] private static partial int FLAC__stream_encoder_set_sample_rate(nint encoder, uint rate);
    [LibraryImport(Library)] private static partial int FLAC__stream_encoder_set_compression_level(nint encoder, uint level);
    [LibraryImport(Library)] private static partial int FLAC__stream_encoder_get_state(nint encoder);
    [LibraryImport(Library)] private static partial int FLAC__stream_encoder_init_stream(nint encoder,
        delegate* unmanaged[Cdecl]<nint, byte*, nuint, uint, uint, nint, int> write, void* seek, void* tell, void* metadata, nint clientData);
    [LibraryImport(Library)] private static partial int FLAC__stream_encoder_process_interleaved(nint encoder, int* buffer, uint samples);
    [LibraryImport(Library)] private static partial int FLAC__stream_encoder_finish(nint encoder);
}

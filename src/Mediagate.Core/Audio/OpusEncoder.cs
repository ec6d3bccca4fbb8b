using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mediagate.Audio;

/// <summary>
/// Encodes float audio to Ogg Opus with libopusenc (Debian <c>libopusenc0</c>, through P/Invoke), writing pages to a stream as
/// they are made, so that a response can be sent while speech is still being synthesised.
/// </summary>
public sealed unsafe partial class OpusEncoder : IDisposable
{
    private const string Library = "libopusenc.so.0";

    private readonly NativeOutput _output;
    private readonly int _channels;
    private nint _comments;
    private nint _encoder;

    /// <summary>Starts an encoder writing to <paramref name="output"/>.</summary>
    /// <param name="output">Receives the Ogg Opus stream; it need not be seekable.</param>
    /// <param name="sampleRate">The input rate; libopusenc resamples it to Opus's 48 kHz.</param>
    /// <param name="channels">1 or 2.</param>
    /// <exception cref="DllNotFoundException">libopusenc is not installed (apt-get install libopusenc0).</exception>
    public OpusEncoder(Stream output, int sampleRate, int channels)
    {
        _output = new NativeOutput(output);
        _channels = channels;
        _comments = ope_comments_create();
        var callbacks = new Callbacks { Write = &OnWrite, Close = &OnClose };
        int error;
        _encoder = ope_encoder_create_callbacks(&callbacks, _output.Handle, _comments, sampleRate, channels, 0, &error);
        if (_encoder == 0)
        {
            Dispose();
            throw new InvalidOperationException($"libopusenc could not start an encoder ({sampleRate} Hz, {channels} channels): error {error}");
        }
    }

    /// <summary>Encodes interleaved samples.</summary>
    /// <exception cref="IOException">The output stream failed.</exception>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        fixed (float* pcm = interleaved)
        {
            Check(ope_encoder_write_float(_encoder, pcm, interleaved.Length / _channels), "write");
        }
    }

    /// <summary>Flushes the last pages and ends the stream.</summary>
    public void Complete()
    {
        Check(ope_encoder_drain(_encoder), "drain");
        _output.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_encoder != 0)
        {
            ope_encoder_destroy(_encoder);
            _encoder = 0;
        }
        if (_comments != 0)
        {
            ope_comments_destroy(_comments);
            _comments = 0;
        }
        _output.Dispose();
    }

    private void Check(int status, string what)
    {
        _output.ThrowIfFailed("Opus");
        if (status != 0)
        {
            throw new InvalidOperationException($"libopusenc failed to {what}: error {status}");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnWrite(nint self, byte* data, int length) => NativeOutput.Write(self, data, length);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnClose(nint self) => 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct Callbacks
    {
        public delegate* unmanaged[Cdecl]<nint, byte*, int, int> Write;
        public delegate* unmanaged[Cdecl]<nint, int> Close;
    }

    [LibraryImport(Library)] private static partial nint ope_comments_create();
    [LibraryImport(Library)] private static partial void ope_comments_destroy(nint comments);
    [LibraryImport(Library)] private static partial nint ope_encoder_create_callbacks(Callbacks* callbacks, nint userData, nint comments, int rate, int channels, int family, int* error);
    [LibraryImport(Library)] private static partial int ope_encoder_write_float(nint encoder, float* pcm, int samplesPerChannel);
    [LibraryImport(Library)] private static partial int ope_encoder_drain(nint encoder);
    [LibraryImport(Library)] private static partial void ope_encoder_destroy(nint encoder);
}

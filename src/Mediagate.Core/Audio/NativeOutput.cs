using System.Runtime.InteropServices;

namespace Mediagate.Audio;

/// <summary>
/// Where a native encoder's write callback sends its bytes: a stream, reached from native code through a GC handle passed as
/// the callback's user data. A write that throws is kept and returns failure to the library; <see cref="ThrowIfFailed"/>
/// raises it on the managed side, after the native call returns.
/// </summary>
internal sealed unsafe class NativeOutput : IDisposable
{
    private readonly Stream _stream;
    private GCHandle _handle;
    private Exception? _error;

    public NativeOutput(Stream stream)
    {
        _stream = stream;
        _handle = GCHandle.Alloc(this);
    }

    /// <summary>The user data to hand the library.</summary>
    public nint Handle => GCHandle.ToIntPtr(_handle);

    /// <summary>Writes bytes for the callback of the output whose handle is <paramref name="handle"/>: 0 on success, 1 on failure.</summary>
    public static int Write(nint handle, byte* data, int length)
    {
        var output = (NativeOutput)GCHandle.FromIntPtr(handle).Target!;
        try
        {
            output._stream.Write(new ReadOnlySpan<byte>(data, length));
            return 0;
        }
        catch (Exception ex)
        {
            output._error ??= ex;
            return 1;
        }
    }

    /// <summary>Raises the first failed write as an <see cref="IOException"/> naming the format.</summary>
    public void ThrowIfFailed(string format)
    {
        if (_error is { } failed)
        {
            throw new IOException($"writing the {format} stream failed: {failed.Message}", failed);
        }
    }

    /// <summary>Flushes the stream.</summary>
    public void Flush() => _stream.Flush();

    public void Dispose()
    {
        if (_handle.IsAllocated)
        {
            _handle.Free();
        }
    }
}

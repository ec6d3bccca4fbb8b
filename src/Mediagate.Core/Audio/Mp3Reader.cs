using System.Runtime.InteropServices;

namespace Mediagate.Audio;

/// <summary>Decodes MP3 (a file, or bytes in memory through mpg123's feed API) to interleaved 32-bit float with libmpg123 (Debian <c>libmpg123-0</c>, through P/Invoke), gapless.</summary>
public sealed unsafe partial class Mp3Reader : IDisposable
{
    private const string Library = "libmpg123.so.0";
    private const int AddFlags = 2;
    private const long ForceFloat = 0x400;
    private const long Quiet = 0x20;
    private const long Gapless = 0x40;
    private const int Ok = 0;
    private const int Done = -12;
    private const int NewFormat = -11;
    private const int NeedMore = -10;
    private const int EncodingFloat32 = 0x200;

    private static readonly Lazy<int> Initialised = new(mpg123_init);
    private nint _handle;

    private Mp3Reader(nint handle, int sampleRate, int channels)
    {
        _handle = handle;
        SampleRate = sampleRate;
        Channels = channels;
    }

    /// <summary>The decoded rate.</summary>
    public int SampleRate { get; }

    /// <summary>The decoded channels.</summary>
    public int Channels { get; }

    /// <summary>Opens an MP3 file.</summary>
    /// <exception cref="WavFormatException">It is not an MP3 stream libmpg123 can decode.</exception>
    /// <exception cref="DllNotFoundException">libmpg123 is not installed (apt-get install libmpg123-0).</exception>
    public static Mp3Reader Open(string path)
    {
        var handle = New();
        if (mpg123_open(handle, path) != Ok)
        {
            var message = Marshal.PtrToStringUTF8(mpg123_strerror(handle));
            mpg123_delete(handle);
            throw new WavFormatException($"{path} is not a valid MP3: libmpg123 cannot open it ({message})");
        }
        return Start(handle, path);
    }

    /// <summary>Decodes MP3 held in memory: libmpg123 is fed a copy of <paramref name="mp3"/>, so no file is written.</summary>
    /// <exception cref="WavFormatException">The bytes are not an MP3 stream libmpg123 can decode.</exception>
    /// <exception cref="DllNotFoundException">libmpg123 is not installed (apt-get install libmpg123-0).</exception>
    public static Mp3Reader Open(ReadOnlySpan<byte> mp3)
    {
        var handle = New();
        int fed;
        fixed (byte* bytes = mp3)
        {
            fed = mpg123_open_feed(handle) == Ok ? mpg123_feed(handle, bytes, (nuint)mp3.Length) : -1;
        }
        if (fed != Ok)
        {
            var message = Marshal.PtrToStringUTF8(mpg123_strerror(handle));
            mpg123_close(handle);
            mpg123_delete(handle);
            throw new WavFormatException($"the audio is not a valid MP3: libmpg123 cannot take it ({message})");
        }
        return Start(handle, "the audio");
    }

    private static nint New()
    {
        _ = Initialised.Value;
        int error;
        var handle = mpg123_new(null, &error);
        if (handle == 0)
        {
            throw new InvalidOperationException($"libmpg123 could not start (error {error})");
        }
        mpg123_param(handle, AddFlags, (nint)(ForceFloat | Quiet | Gapless), 0);
        return handle;
    }

    private static Mp3Reader Start(nint handle, string name)
    {
        nint rate;
        int channels, encoding;
        if (mpg123_getformat(handle, &rate, &channels, &encoding) != Ok || encoding != EncodingFloat32 || channels is < 1 or > 2)
        {
            mpg123_close(handle);
            mpg123_delete(handle);
            throw new WavFormatException($"{name} is not a valid MP3: it has no MPEG audio frame Mediagate can decode");
        }
        return new Mp3Reader(handle, (int)rate, channels);
    }

    /// <summary>Reads up to <paramref name="interleaved"/>.Length samples; returns how many, 0 at the end.</summary>
    public int Read(Span<float> interleaved)
    {
        var total = 0;
        fixed (float* output = interleaved)
        {
            while (total < interleaved.Length)
            {
                nuint done;
                var result = mpg123_read(_handle, (byte*)(output + total), (nuint)((interleaved.Length - total) * sizeof(float)), &done);
                total += (int)done / sizeof(float);
                // In feed mode everything was fed up front, so "feed me more" is the end of the stream.
                if (result is Done or NeedMore)
                {
                    break;
                }
                if (result != Ok && result != NewFormat)
                {
                    throw new WavFormatException($"the audio is not a valid MP3: decoding failed ({Marshal.PtrToStringUTF8(mpg123_strerror(_handle))})");
                }
                if (done == 0 && result == Ok)
                {
                    break;
                }
            }
        }
        return total;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_handle != 0)
        {
            mpg123_close(_handle);
            mpg123_delete(_handle);
            _handle = 0;
        }
    }

    [LibraryImport(Library)] private static partial int mpg123_init();
    [LibraryImport(Library)] private static partial nint mpg123_new(byte* decoder, int* error);
    [LibraryImport(Library)] private static partial int mpg123_param(nint handle, int type, nint value, double fvalue);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] private static partial int mpg123_open(nint handle, string path);
    [LibraryImport(Library)] private static partial int mpg123_open_feed(nint handle);
    [LibraryImport(Library)] private static partial int mpg123_feed(nint handle, byte* input, nuint size);
    [LibraryImport(Library)] private static partial int mpg123_getformat(nint handle, nint* rate, int* channels, int* encoding);
    [LibraryImport(Library)] private static partial int mpg123_read(nint handle, byte* output, nuint size, nuint* done);
    [LibraryImport(Library)] private static partial nint mpg123_strerror(nint handle);
    [LibraryImport(Library)] private static partial int mpg123_close(nint handle);
    [LibraryImport(Library)] private static partial void mpg123_delete(nint handle);
}

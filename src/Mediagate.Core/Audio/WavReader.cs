using System.Buffers.Binary;

namespace Mediagate.Audio;

/// <summary>Reads PCM WAV (16-, 24- and 32-bit integer, 32-bit float; any rate, any channel count) as float, in blocks: mixed to mono, or interleaved as stored.</summary>
public sealed class WavReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _bytesPerSample;
    private readonly bool _float;
    private long _remaining;
    private byte[] _scratch = [];
    private float[] _mixBuffer = [];

    private WavReader(Stream stream, int sampleRate, int channels, int bits, bool isFloat, long dataBytes)
    {
        _stream = stream;
        SampleRate = sampleRate;
        Channels = channels;
        _bytesPerSample = bits / 8;
        _float = isFloat;
        _remaining = dataBytes;
        Frames = dataBytes / (_bytesPerSample * channels);
    }

    /// <summary>Samples per second.</summary>
    public int SampleRate { get; }

    /// <summary>Channels in the file; <see cref="Read"/> mixes them down.</summary>
    public int Channels { get; }

    /// <summary>Frames in the file.</summary>
    public long Frames { get; }

    /// <summary>Duration in seconds.</summary>
    public double Duration => (double)Frames / SampleRate;

    /// <summary>Opens a WAV file.</summary>
    /// <exception cref="WavFormatException">It is not a WAV file Mediagate reads.</exception>
    public static WavReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return Open(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads WAV from a stream, which the reader then owns.</summary>
    /// <exception cref="WavFormatException">It is not a WAV stream Mediagate reads.</exception>
    public static WavReader Open(Stream stream) => Open(stream, "the stream");

    /// <summary>Reads WAV from a stream, which the reader then owns; messages call it <paramref name="name"/>.</summary>
    internal static WavReader Open(Stream stream, string name)
    {
        Span<byte> head = stackalloc byte[12];
        if (stream.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12 || !head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException($"{name} is not a WAV (RIFF/WAVE) or MP3 file");
        }
        WavFormat? format = null;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmtBuffer = stackalloc byte[WavFormat.MaximumSize];
        while (stream.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8)
        {
            var id = System.Text.Encoding.ASCII.GetString(chunk[..4]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            var available = stream.Length - stream.Position;
            if (id == "fmt ")
            {
                if (format is not null)
                {
                    throw Malformed(name, "it has two format (fmt) chunks");
                }
                if (size is < WavFormat.MinimumSize or > WavFormat.MaximumSize)
                {
                    throw Malformed(name, $"its format (fmt) chunk is {size} bytes; one is {WavFormat.MinimumSize} to {WavFormat.MaximumSize}");
                }
                if (size > available)
                {
                    throw Malformed(name, $"it ends inside its format (fmt) chunk ({available} of {size} bytes)");
                }
                var fmt = fmtBuffer[..(int)size];
                stream.ReadExactly(fmt);
                format = WavFormat.Parse(fmt, name);
                SkipPadding(stream, size);
            }
            else if (id == "data")
            {
                if (format is null)
                {
                    throw Malformed(name, "its data comes before its format (fmt) chunk");
                }
                var dataBytes = size == 0 || size > available ? available : size;
                return new WavReader(stream, format.SampleRate, format.Channels, format.Bits, format.IsFloat, dataBytes);
            }
            else
            {
                if (size > available)
                {
                    break;
                }
                stream.Seek(size, SeekOrigin.Current);
                SkipPadding(stream, size);
            }
        }
        throw format is null ? Malformed(name, "it has no format (fmt) chunk") : Malformed(name, "it has no audio data chunk");
    }

    /// <summary>RIFF pads a chunk of odd size with one byte.</summary>
    private static void SkipPadding(Stream stream, long size)
    {
        if ((size & 1) == 1 && stream.Position < stream.Length)
        {
            stream.Seek(1, SeekOrigin.Current);
        }
    }

    private static WavFormatException Malformed(string name, string problem) => new($"{name} is not a valid WAV: {problem}");

    /// <summary>Reads up to <paramref name="destination"/>.Length / <see cref="Channels"/> frames, interleaved as stored; returns the frames read, 0 at the end.</summary>
    public int ReadInterleaved(Span<float> destination)
    {
        var frameBytes = _bytesPerSample * Channels;
        var frames = (int)Math.Min(destination.Length / Channels, _remaining / frameBytes);
        if (frames == 0)
        {
            return 0;
        }
        if (_scratch.Length < frames * frameBytes)
        {
            _scratch = new byte[frames * frameBytes];
        }
        var got = _stream.ReadAtLeast(_scratch.AsSpan(0, frames * frameBytes), frames * frameBytes, throwOnEndOfStream: false);
        frames = got / frameBytes;
        _remaining -= frames * frameBytes;
        for (var i = 0; i < frames * Channels; i++)
        {
            destination[i] = Sample(_scratch.AsSpan(i * _bytesPerSample));
        }
        return frames;
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length mono frames (channels averaged); returns 0 at the end.</summary>
    public int Read(Span<float> destination)
    {
        if (Channels == 1)
        {
            return ReadInterleaved(destination);
        }
        if (_mixBuffer.Length < destination.Length * Channels)
        {
            _mixBuffer = new float[destination.Length * Channels];
        }
        var frames = ReadInterleaved(_mixBuffer.AsSpan(0, destination.Length * Channels));
        ChannelMix.ToMono(_mixBuffer.AsSpan(0, frames * Channels), Channels, destination);
        return frames;
    }

    /// <summary>Reads the whole file as mono float.</summary>
    public float[] ReadAll()
    {
        var all = new float[Frames];
        var read = 0;
        int n;
        while (read < all.Length && (n = Read(all.AsSpan(read, Math.Min(65536, all.Length - read)))) > 0)
        {
            read += n;
        }
        return read == all.Length ? all : all[..read];
    }

    private float Sample(ReadOnlySpan<byte> b) => _bytesPerSample switch
    {
        2 => BinaryPrimitives.ReadInt16LittleEndian(b) / 32768f,
        3 => ((b[0] | (b[1] << 8) | (b[2] << 16)) << 8 >> 8) / 8388608f,
        _ => _float ? BinaryPrimitives.ReadSingleLittleEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b) / 2147483648f,
    };

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}

using System.Buffers;
using System.Buffers.Binary;

namespace Mediagate.Audio;

/// <summary>Streams 16-bit PCM WAV to a seekable stream; the header's sizes are filled in on <see cref="Complete"/>.</summary>
public sealed class WavWriter
{
    private readonly Stream _stream;
    private long _dataBytes;

    /// <summary>Writes the header for <paramref name="sampleRate"/> and <paramref name="channels"/> and prepares for samples.</summary>
    public WavWriter(Stream stream, int sampleRate, int channels)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("the stream must be seekable so the header can be completed", nameof(stream));
        }
        _stream = stream;
        SampleRate = sampleRate;
        Channels = channels;
        Span<byte> header = stackalloc byte[44];
        WriteHeader(header, 0);
        _stream.Write(header);
    }

    /// <summary>Samples per second.</summary>
    public int SampleRate { get; }

    /// <summary>Interleaved channels.</summary>
    public int Channels { get; }

    /// <summary>Frames written so far.</summary>
    public long Frames => _dataBytes / (2 * Channels);

    /// <summary>Appends interleaved float samples in [-1, 1], clipped and rounded to 16 bits.</summary>
    public void Write(ReadOnlySpan<float> samples)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(samples.Length * 2);
        try
        {
            var bytes = buffer.AsSpan(0, samples.Length * 2);
            for (var i = 0; i < samples.Length; i++)
            {
                var value = Math.Clamp(samples[i], -1f, 1f) * 32767f;
                BinaryPrimitives.WriteInt16LittleEndian(bytes[(i * 2)..], (short)MathF.Round(value));
            }
            _stream.Write(bytes);
            _dataBytes += bytes.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Appends interleaved 16-bit samples.</summary>
    public void Write(ReadOnlySpan<short> samples)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(samples.Length * 2);
        try
        {
            var bytes = buffer.AsSpan(0, samples.Length * 2);
            for (var i = 0; i < samples.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(bytes[(i * 2)..], samples[i]);
            }
            _stream.Write(bytes);
            _dataBytes += bytes.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Fills in the RIFF and data sizes.</summary>
    public void Complete()
    {
        var end = _stream.Position;
        Span<byte> header = stackalloc byte[44];
        WriteHeader(header, _dataBytes);
        _stream.Position = 0;
        _stream.Write(header);
        _stream.Position = end;
        _stream.Flush();
    }

    private void WriteHeader(Span<byte> header, long dataBytes)
    {
        var data = (uint)Math.Min(dataBytes, uint.MaxValue - 36);
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 36 + data);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)(SampleRate * Channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)(Channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], data);
    }
}

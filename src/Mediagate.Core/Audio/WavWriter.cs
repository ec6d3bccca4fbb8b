using System.Buffers;
using System.Buffers.Binary;

namespace Mediagate.Audio;

/// <summary>Streams WAV (16- or 24-bit PCM, or 32-bit float; any rate and channel count) to a seekable stream; the header's sizes are filled in on <see cref="Complete"/>.</summary>
public sealed class WavWriter
{
    private readonly Stream _stream;
    private long _dataBytes;

    /// <summary>Writes the header for <paramref name="sampleRate"/>, <paramref name="channels"/> and <paramref name="format"/>, and prepares for samples.</summary>
    public WavWriter(Stream stream, int sampleRate, int channels, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        Format = format;
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

    /// <summary>How samples are stored.</summary>
    public WavSampleFormat Format { get; }

    private int BytesPerSample => Format switch { WavSampleFormat.Pcm24 => 3, WavSampleFormat.Float32 => 4, _ => 2 };

    /// <summary>Frames written so far.</summary>
    public long Frames => _dataBytes / (BytesPerSample * Channels);

    /// <summary>Appends interleaved float samples in [-1, 1]; integer formats clip and round, on the scale <see cref="WavReader"/> reads them back with (so a file read and written again is unchanged).</summary>
    public void Write(ReadOnlySpan<float> samples)
    {
        var size = BytesPerSample;
        var buffer = ArrayPool<byte>.Shared.Rent(samples.Length * size);
        try
        {
            var bytes = buffer.AsSpan(0, samples.Length * size);
            for (var i = 0; i < samples.Length; i++)
            {
                var target = bytes[(i * size)..];
                switch (Format)
                {
                    case WavSampleFormat.Float32:
                        BinaryPrimitives.WriteSingleLittleEndian(target, samples[i]);
                        break;
                    case WavSampleFormat.Pcm24:
                        var value24 = (int)Math.Clamp(Math.Round(samples[i] * 8388608.0), -8388608, 8388607);
                        target[0] = (byte)value24;
                        target[1] = (byte)(value24 >> 8);
                        target[2] = (byte)(value24 >> 16);
                        break;
                    default:
                        BinaryPrimitives.WriteInt16LittleEndian(target, Pcm16.ToShort(samples[i]));
                        break;
                }
            }
            _stream.Write(bytes);
            _dataBytes += bytes.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Appends interleaved 16-bit samples (16-bit files only).</summary>
    public void Write(ReadOnlySpan<short> samples)
    {
        if (Format != WavSampleFormat.Pcm16)
        {
            throw new InvalidOperationException("16-bit samples go to a 16-bit file; write floats for other formats");
        }
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

    /// <summary>Writes interleaved samples as a 16-bit WAV file, atomically (temp name, then rename).</summary>
    public static void WriteFile(string path, ReadOnlySpan<float> interleaved, int sampleRate, int channels)
    {
        using var file = Platform.AtomicFile.Create(path);
        var writer = new WavWriter(file.Stream, sampleRate, channels);
        writer.Write(interleaved);
        writer.Complete();
        file.Commit();
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
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], (ushort)(Format == WavSampleFormat.Float32 ? 3 : 1));
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], (ushort)Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)(SampleRate * Channels * BytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)(Channels * BytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], (ushort)(8 * BytesPerSample));
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], data);
    }
}

using System.Buffers.Binary;

namespace Mediagate.Audio;

/// <summary>A WAV file's format (fmt) chunk, checked: everything <see cref="WavReader"/> relies on holds, or it throws <see cref="WavFormatException"/>.</summary>
internal sealed record WavFormat(int SampleRate, int Channels, int Bits, bool IsFloat, int BlockAlign)
{
    /// <summary>The PCM fmt chunk's size; smaller cannot hold the fields.</summary>
    public const int MinimumSize = 16;

    /// <summary>WAVE_FORMAT_EXTENSIBLE is 40 bytes; anything far larger is damage, not a format.</summary>
    public const int MaximumSize = 1024;

    private const int MaximumChannels = 64;
    private const int MinimumRate = 1000;
    private const int MaximumRate = 768_000;

    /// <summary>Reads and checks a fmt chunk's bytes.</summary>
    /// <exception cref="WavFormatException">A field is impossible, or the format is not one Mediagate reads.</exception>
    public static WavFormat Parse(ReadOnlySpan<byte> fmt, string name)
    {
        var format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (format == 0xFFFE && fmt.Length >= 26)
        {
            format = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }
        var isFloat = format == 3;
        if (format is not (1 or 3) || (isFloat && bits != 32) || (!isFloat && bits is not (16 or 24 or 32)))
        {
            throw new WavFormatException($"{name} is a WAV file in an unsupported format (format {format}, {bits} bits); supported: PCM 16/24/32-bit and 32-bit float");
        }
        if (channels is 0 or > MaximumChannels)
        {
            throw Malformed(name, $"its format chunk says {channels} channels; a WAV has 1 to {MaximumChannels}");
        }
        if (rate is < MinimumRate or > MaximumRate)
        {
            throw Malformed(name, $"its format chunk says {rate} Hz; Mediagate reads {MinimumRate} to {MaximumRate} Hz");
        }
        if (blockAlign != channels * bits / 8)
        {
            throw Malformed(name, $"its format chunk says {blockAlign} bytes per frame, but {channels} channels of {bits} bits take {channels * bits / 8}");
        }
        return new WavFormat((int)rate, channels, bits, isFloat, blockAlign);
    }

    private static WavFormatException Malformed(string name, string problem) => new($"{name} is not a valid WAV: {problem}");
}

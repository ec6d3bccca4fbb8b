using System.Buffers.Binary;
using Mediagate.Audio;

namespace Mediagate.Tests.Audio;

/// <summary>Damaged WAV headers: each is refused with a <see cref="WavFormatException"/> that says what is wrong, never another exception.</summary>
public sealed class MalformedWavTests
{
    /// <summary>A valid 16-bit stereo 16 kHz WAV of 64 frames, with a LIST chunk before the data as many tools write.</summary>
    private static byte[] ValidWav()
    {
        using var buffer = new MemoryStream();
        var writer = new WavWriter(buffer, 16000, 2);
        writer.Write(Enumerable.Range(0, 128).Select(i => MathF.Sin(i / 5f) * 0.5f).ToArray());
        writer.Complete();
        var wav = buffer.ToArray();
        byte[] list = [.. "LIST"u8, 5, 0, 0, 0, .. "INFOx"u8, 0];
        return [.. wav[..36], .. list, .. wav[36..]];
    }

    private static byte[] WithFmtField(int offset, int value, int width = 2)
    {
        var wav = ValidWav();
        if (width == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(20 + offset), (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(20 + offset), value);
        }
        return wav;
    }

    /// <summary>Opens and reads everything, as a command would; returns the failure, if any.</summary>
    private static Exception? ReadFully(byte[] bytes)
    {
        try
        {
            using var reader = WavReader.Open(new MemoryStream(bytes));
            reader.ReadAll();
            using var again = WavReader.Open(new MemoryStream(bytes));
            var block = new float[37 * again.Channels];
            while (again.ReadInterleaved(block) > 0)
            {
            }
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    public static TheoryData<string, byte[], string> Damaged()
    {
        var wav = ValidWav();
        var shortFmt = (byte[])wav.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(shortFmt.AsSpan(16), 8);
        var hugeFmt = (byte[])wav.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(hugeFmt.AsSpan(16), uint.MaxValue);
        var longFmt = (byte[])wav.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(longFmt.AsSpan(16), 1000);
        return new()
        {
            { "fmt chunk too small", shortFmt, "not a valid WAV: its format (fmt) chunk is 8 bytes; one is 16 to 1024" },
            { "fmt chunk of 4 GB", hugeFmt, "not a valid WAV: its format (fmt) chunk is 4294967295 bytes" },
            { "fmt chunk past the end", longFmt, "not a valid WAV: it ends inside its format (fmt) chunk (294 of 1000 bytes)" },
            { "zero channels", WithFmtField(2, 0), "not a valid WAV: its format chunk says 0 channels; a WAV has 1 to 64" },
            { "block align 0", WithFmtField(12, 0), "not a valid WAV: its format chunk says 0 bytes per frame, but 2 channels of 16 bits take 4" },
            { "rate 0", WithFmtField(4, 0, 4), "not a valid WAV: its format chunk says 0 Hz" },
            { "rate over 2^31", WithFmtField(4, int.MinValue, 4), "not a valid WAV: its format chunk says 2147483648 Hz" },
            { "truncated in the fmt chunk", wav[..30], "not a valid WAV: it ends inside its format (fmt) chunk (10 of 16 bytes)" },
            { "truncated before the data", wav[..36], "not a valid WAV: it has no audio data chunk" },
            { "data before fmt", [.. wav[..12], .. "data"u8, 0, 0, 0, 0], "not a valid WAV: its data comes before its format (fmt) chunk" },
        };
    }

    [Theory]
    [MemberData(nameof(Damaged))]
    public void EachDamagedHeaderIsRefusedWithWhatIsWrong(string damage, byte[] bytes, string message)
    {
        var error = ReadFully(bytes);

        var refused = Assert.IsType<WavFormatException>(error);
        Assert.True(refused.Message.Contains(message, StringComparison.Ordinal), $"{damage}: {refused.Message}");
    }

    [Fact]
    public void TheUndamagedFileReads() => Assert.Null(ReadFully(ValidWav()));

    [Fact]
    public void EveryHeaderByteSetToEveryTroublesomeValueFailsOnlyAsWavFormatException()
    {
        var valid = ValidWav();
        var headerEnd = valid.Length - 256;
        byte[] values = [0x00, 0x01, 0x02, 0x07, 0x10, 0x7F, 0x80, 0xFE, 0xFF];
        for (var position = 0; position < headerEnd; position++)
        {
            foreach (var value in values)
            {
                var bytes = (byte[])valid.Clone();
                bytes[position] = value;
                AssertOnlyWavFormatException(bytes, $"byte {position} = 0x{value:X2}");
            }
        }
    }

    [Fact]
    public void EveryTruncationFailsOnlyAsWavFormatException()
    {
        var valid = ValidWav();
        for (var length = 0; length < valid.Length; length++)
        {
            AssertOnlyWavFormatException(valid[..length], $"the first {length} bytes");
        }
    }

    [Fact]
    public void RandomHeaderDamageFailsOnlyAsWavFormatException()
    {
        var valid = ValidWav();
        var headerEnd = valid.Length - 256;
        var random = new Random(1414);
        for (var trial = 0; trial < 5000; trial++)
        {
            var bytes = (byte[])valid.Clone();
            var damaged = random.Next(1, 6);
            for (var d = 0; d < damaged; d++)
            {
                bytes[random.Next(headerEnd)] = (byte)random.Next(256);
            }
            var length = random.Next(4) == 0 ? random.Next(bytes.Length) : bytes.Length;
            AssertOnlyWavFormatException(bytes[..length], $"trial {trial}");
        }
    }

    private static void AssertOnlyWavFormatException(byte[] bytes, string what)
    {
        var error = ReadFully(bytes);
        Assert.True(error is null or WavFormatException, $"{what}: {error?.GetType().Name}: {error?.Message}");
    }
}

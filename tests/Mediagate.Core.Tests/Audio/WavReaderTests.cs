using System.Buffers.Binary;
using Mediagate.Audio;

namespace Mediagate.Tests.Audio;

public sealed class WavReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mediagate-wav-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Wav(int format, int bits, int channels, int rate, byte[] data)
    {
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 36 + data.Length);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), (short)format);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), rate * channels * bits / 8);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), (short)(channels * bits / 8));
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), (short)bits);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), data.Length);
        return [.. header, .. data];
    }

    [Fact]
    public void ReadsWhatTheWriterWrites()
    {
        using var buffer = new MemoryStream();
        var writer = new WavWriter(buffer, 16000, 1);
        writer.Write([0f, 0.5f, -0.5f, 1f]);
        writer.Complete();
        var path = Write("w.wav", buffer.ToArray());

        using var reader = WavReader.Open(path);

        Assert.Equal(16000, reader.SampleRate);
        Assert.Equal([0f, 0.5f, -0.5f, 0.9999695f], reader.ReadAll());
    }

    [Fact]
    public void Reads24BitAndFloatAndMixesStereoToMono()
    {
        var pcm24 = Write("a.wav", Wav(1, 24, 2, 44100, [0x00, 0x00, 0x40, 0x00, 0x00, 0xC0]));
        var f32 = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(f32, 0.25f);
        BinaryPrimitives.WriteSingleLittleEndian(f32.AsSpan(4), 0.75f);
        var float32 = Write("f.wav", Wav(3, 32, 2, 48000, f32));

        using var a = WavReader.Open(pcm24);
        using var f = WavReader.Open(float32);

        Assert.Equal([0f], a.ReadAll());
        Assert.Equal([0.5f], f.ReadAll());
        Assert.Equal(48000, f.SampleRate);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', 0, 0, 0, 0, 0, 0, 0 }, "not a WAV (RIFF/WAVE) or MP3 file")]
    [InlineData(new byte[] { 1 }, "not a WAV (RIFF/WAVE) or MP3 file")]
    public void NonWavInputIsRejectedWithWhatItIs(byte[] bytes, string message)
    {
        var path = Write("x.bin", bytes);

        var error = Assert.Throws<WavFormatException>(() => WavReader.Open(path));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void ADamagedMp3IsRejectedNotMisread()
    {
        var path = Write("broken.mp3", [(byte)'I', (byte)'D', (byte)'3', 3, 0, 0, 0, 0, 0, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

        Assert.Throws<WavFormatException>(() =>
        {
            using var source = MonoAudioSource.Open(path);
            source.Read(new float[4096]);
        });
    }

    [Fact]
    public void UnsupportedEncodingsAreNamed()
    {
        var path = Write("alaw.wav", Wav(6, 8, 1, 8000, [1, 2, 3]));

        var error = Assert.Throws<WavFormatException>(() => WavReader.Open(path));

        Assert.Contains("unsupported format (format 6, 8 bits)", error.Message);
    }
}

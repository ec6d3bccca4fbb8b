using System.Buffers.Binary;
using Mediagate.Audio;

namespace Mediagate.Tests.Audio;

public sealed class PngTests
{
    [Fact]
    public void ThePngHasTheSignatureHeaderAndCorrectChunkCrcs()
    {
        var png = Png.Encode(3, 2, new byte[3 * 2 * 3]);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(Png.Crc(png.AsSpan(offset + 4, length + 4)), crc);
            offset += 12 + length;
        }
        Assert.Equal(0xAE426082u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(png.Length - 4)));
    }

    [Fact]
    public void APictureOfASoundIsAPngOfTheAskedSize()
    {
        var tone = Enumerable.Range(0, 48000).Select(i => (float)Math.Sin(2 * Math.PI * 1000 * i / 48000)).ToArray();

        var png = AudioPicture.Render(tone, 48000, 200, 80);

        Assert.Equal((200, 80), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }

    [Fact]
    public void AMismatchedPixelBufferIsRefused() => Assert.Throws<ArgumentException>(() => Png.Encode(4, 4, new byte[10]));
}

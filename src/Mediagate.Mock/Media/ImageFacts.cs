using System.Buffers.Binary;

namespace Mediagate.Mock.Media;

/// <summary>What the mock can tell about an image without a vision model: its format, size and dimensions, to phrase a description.</summary>
public static class ImageFacts
{
    /// <summary>One sentence about the image, or null when the bytes are not an image the mock recognises.</summary>
    public static string? Describe(ReadOnlySpan<byte> image)
    {
        var (format, width, height) = Inspect(image);
        if (format is null)
        {
            return null;
        }
        var shape = width == 0 || height == 0 ? "image" : width > height * 1.2 ? "landscape image" : height > width * 1.2 ? "portrait image" : "square image";
        var size = width == 0 ? string.Empty : $"{width}×{height} ";
        return $"A {size}{format} {shape} of {Math.Max(1, image.Length / 1024)} KB, suitable as a storyboard still.";
    }

    /// <summary>The format and dimensions (0 when the header does not state them).</summary>
    public static (string? Format, int Width, int Height) Inspect(ReadOnlySpan<byte> image)
    {
        if (image.Length >= 24 && image[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return ("PNG", BinaryPrimitives.ReadInt32BigEndian(image[16..]), BinaryPrimitives.ReadInt32BigEndian(image[20..]));
        }
        if (image.Length >= 10 && (image[..6].SequenceEqual("GIF87a"u8) || image[..6].SequenceEqual("GIF89a"u8)))
        {
            return ("GIF", BinaryPrimitives.ReadUInt16LittleEndian(image[6..]), BinaryPrimitives.ReadUInt16LittleEndian(image[8..]));
        }
        if (image.Length >= 12 && image[..4].SequenceEqual("RIFF"u8) && image[8..12].SequenceEqual("WEBP"u8))
        {
            return ("WebP", 0, 0);
        }
        if (image.Length >= 4 && image[0] == 0xFF && image[1] == 0xD8)
        {
            // Walk the JPEG segments to the first start-of-frame marker, which holds the dimensions.
            var i = 2;
            while (i + 9 < image.Length && image[i] == 0xFF)
            {
                var marker = image[i + 1];
                var length = BinaryPrimitives.ReadUInt16BigEndian(image[(i + 2)..]);
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                {
                    return ("JPEG", BinaryPrimitives.ReadUInt16BigEndian(image[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(image[(i + 5)..]));
                }
                i += 2 + length;
            }
            return ("JPEG", 0, 0);
        }
        return (null, 0, 0);
    }
}

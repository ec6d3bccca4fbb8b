using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Mediagate.Local.Kokoro;

/// <summary>Reads a NumPy <c>.npy</c> array of little-endian float32 (format versions 1 to 3), as <c>np.save</c> writes it.</summary>
public static partial class NpyReader
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    [GeneratedRegex(@"'descr'\s*:\s*'(?<descr>[^']*)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(?<order>True|False)")]
    private static partial Regex Order();

    [GeneratedRegex(@"'shape'\s*:\s*\((?<shape>[^)]*)\)")]
    private static partial Regex Shape();

    /// <summary>Reads the whole array from <paramref name="stream"/>: its shape and its values in C order.</summary>
    /// <exception cref="InvalidDataException">It is not a C-ordered float32 .npy array.</exception>
    public static (int[] Shape, float[] Values) ReadFloat32(Stream stream)
    {
        var preamble = new byte[10];
        stream.ReadExactly(preamble);
        if (!preamble.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a NumPy .npy array (no \\x93NUMPY magic)");
        }
        int headerLength;
        if (preamble[6] == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(preamble.AsSpan(8));
        }
        else
        {
            var rest = new byte[2];
            stream.ReadExactly(rest);
            headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian([.. preamble.AsSpan(8), .. rest]);
        }
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var header = Encoding.UTF8.GetString(headerBytes);
        var descr = Descr().Match(header).Groups["descr"].Value;
        if (descr is not ("<f4" or "|f4"))
        {
            throw new InvalidDataException($"the .npy array holds '{descr}', not little-endian float32 ('<f4')");
        }
        if (Order().Match(header).Groups["order"].Value != "False")
        {
            throw new InvalidDataException("the .npy array is in Fortran order; save it in C order");
        }
        var shape = Shape().Match(header).Groups["shape"].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Kokoro voices are read on little-endian machines only");
        }
        return (shape, values);
    }
}

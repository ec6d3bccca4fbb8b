using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Mediagate.Local.Kokoro;

/// <summary>
/// Kokoro voices on disk, in either form: <c>voices-v1.0.bin</c> (a NumPy <c>.npz</c>, one [510, 1, 256] float32 array per
/// voice), or raw 510 × 256 little-endian float32 <c>&lt;name&gt;.bin</c> files (the kokoro-js form), one file or a folder of them.
/// </summary>
public sealed class KokoroVoiceFile
{
    /// <summary>The size of a raw voice file: 510 × 256 float32.</summary>
    public const int RawBytes = KokoroVoiceTable.Rows * KokoroVoiceTable.StyleSize * sizeof(float);

    private readonly string _path;
    private readonly bool _isArchive;

    private KokoroVoiceFile(string path, bool isArchive, IReadOnlyList<string> names)
    {
        _path = path;
        _isArchive = isArchive;
        Names = names;
    }

    /// <summary>The voice ids the file holds, sorted.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Opens the voices at <paramref name="path"/>: an .npz archive, one raw .bin voice, or a folder of raw .bin voices.</summary>
    /// <exception cref="InvalidDataException">The file is neither form.</exception>
    /// <exception cref="IOException">It cannot be read.</exception>
    public static KokoroVoiceFile Open(string path)
    {
        if (Directory.Exists(path))
        {
            var names = Directory.EnumerateFiles(path, "*.bin").Where(f => new FileInfo(f).Length == RawBytes)
                .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
            return new KokoroVoiceFile(path, false, names!);
        }
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        if (stream.Read(magic) == 4 && magic.SequenceEqual("PK\u0003\u0004"u8))
        {
            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var names = zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal))
                .Select(e => e.FullName[..^4]).Order(StringComparer.Ordinal).ToList();
            return new KokoroVoiceFile(path, true, names);
        }
        if (stream.Length == RawBytes)
        {
            return new KokoroVoiceFile(path, false, [Path.GetFileNameWithoutExtension(path)]);
        }
        throw new InvalidDataException($"{path} is neither a Kokoro voices archive (.npz) nor a raw voice of {RawBytes:N0} bytes");
    }

    /// <summary>Loads one voice.</summary>
    /// <exception cref="KeyNotFoundException">The file has no such voice.</exception>
    /// <exception cref="InvalidDataException">The voice is not 510 × 256 float32 values.</exception>
    public KokoroVoiceTable Load(string name)
    {
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            throw new KeyNotFoundException($"the voices at {_path} have no voice \"{name}\"");
        }
        if (_isArchive)
        {
            using var zip = ZipFile.OpenRead(_path);
            using var entry = zip.GetEntry(name + ".npy")!.Open();
            var (shape, values) = NpyReader.ReadFloat32(entry);
            if (shape.Length == 0 || shape[0] != KokoroVoiceTable.Rows || values.Length != KokoroVoiceTable.Rows * KokoroVoiceTable.StyleSize)
            {
                throw new InvalidDataException($"voice \"{name}\" in {_path} has shape ({string.Join(", ", shape)}), not (510, 1, 256)");
            }
            return new KokoroVoiceTable(name, values);
        }
        var file = Directory.Exists(_path) ? Path.Combine(_path, name + ".bin") : _path;
        var raw = new float[KokoroVoiceTable.Rows * KokoroVoiceTable.StyleSize];
        using (var stream = File.OpenRead(file))
        {
            stream.ReadExactly(MemoryMarshal.AsBytes(raw.AsSpan()));
        }
        return new KokoroVoiceTable(name, raw);
    }
}

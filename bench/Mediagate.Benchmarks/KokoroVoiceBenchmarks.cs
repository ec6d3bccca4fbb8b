using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using Mediagate.Local.Kokoro;

namespace Mediagate.Benchmarks;

/// <summary>Reading voices from a generated voices-v1.0.bin of the real shape: 54 voices of [510, 1, 256] float32 (≈ 28 MB), stored as np.savez stores them.</summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class KokoroVoiceBenchmarks
{
    private const int Voices = 54;

    private string _dir = null!;
    private string _path = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("mediagate-kokoro-bench-").FullName;
        _path = Path.Combine(_dir, "voices-v1.0.bin");
        var random = new Random(17);
        using (var zip = ZipFile.Open(_path, ZipArchiveMode.Create))
        {
            for (var v = 0; v < Voices; v++)
            {
                var values = new float[KokoroVoiceTable.Rows * KokoroVoiceTable.StyleSize];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = (float)(random.NextDouble() - 0.5);
                }
                using var entry = zip.CreateEntry($"v{v:D2}_bench.npy", CompressionLevel.NoCompression).Open();
                WriteNpy(entry, values);
            }
        }
        Console.WriteLine($"// {_path}: {new FileInfo(_path).Length:N0} bytes, {KokoroVoiceFile.Open(_path).Names.Count} voices");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, true);

    [Benchmark(Description = "open voices-v1.0.bin and load one voice")]
    public int LoadOne() => KokoroVoiceFile.Open(_path).Load("v27_bench").StyleFor(10).Length;

    [Benchmark(Description = "open voices-v1.0.bin and load all 54 voices")]
    public int LoadAll()
    {
        var file = KokoroVoiceFile.Open(_path);
        var total = 0;
        foreach (var name in file.Names)
        {
            total += file.Load(name).StyleFor(10).Length;
        }
        return total;
    }

    /// <summary>An .npy of shape (510, 1, 256) as np.save writes it (format 1.0, header padded to 64 bytes).</summary>
    private static void WriteNpy(Stream stream, float[] values)
    {
        const string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (510, 1, 256), }";
        var header = dict.PadRight(((10 + dict.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        stream.Write([0x93, .. "NUMPY"u8, 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }
}

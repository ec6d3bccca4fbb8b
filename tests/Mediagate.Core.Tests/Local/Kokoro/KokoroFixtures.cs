using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Mediagate.Local.Kokoro;

namespace Mediagate.Core.Tests.Local.Kokoro;

/// <summary>The tiny ONNX models (scripts/kokoro/make-fixture.py) and voices written by the tests.</summary>
internal static class KokoroFixtures
{
    public static string Model => Path.Combine(AppContext.BaseDirectory, "Fixtures", "kokoro", "kokoro-tiny.onnx");

    public static string ModelWithDurations => Path.Combine(AppContext.BaseDirectory, "Fixtures", "kokoro", "kokoro-tiny-durations.onnx");

    /// <summary>A voice whose row r holds 0.1 + r / 1000 everywhere, so the fixture's peak tells which row it was given.</summary>
    public static float[] RowMarkedVoice()
    {
        var values = new float[KokoroVoiceTable.Rows * KokoroVoiceTable.StyleSize];
        for (var r = 0; r < KokoroVoiceTable.Rows; r++)
        {
            values.AsSpan(r * KokoroVoiceTable.StyleSize, KokoroVoiceTable.StyleSize).Fill(0.1f + r / 1000f);
        }
        return values;
    }

    /// <summary>An .npy file as np.save writes it (format 1.0), of float32 values in the shape given.</summary>
    public static byte[] Npy(float[] values, params int[] shape)
    {
        var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({string.Join(", ", shape)}{(shape.Length == 1 ? "," : "")}), }}";
        var padded = dict.PadRight(((10 + dict.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, .. "NUMPY"u8, 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)padded.Length));
        stream.Write(Encoding.ASCII.GetBytes(padded));
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        return stream.ToArray();
    }

    /// <summary>Writes an .npz archive of the voices given, each [510, 1, 256], as np.savez does.</summary>
    public static void WriteNpz(string path, IReadOnlyDictionary<string, float[]> voices, CompressionLevel level = CompressionLevel.NoCompression)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, values) in voices)
        {
            using var entry = zip.CreateEntry(name + ".npy", level).Open();
            entry.Write(Npy(values, KokoroVoiceTable.Rows, 1, KokoroVoiceTable.StyleSize));
        }
    }

    /// <summary>Writes a raw voice file (kokoro-js's form).</summary>
    public static void WriteRaw(string path, float[] values) => File.WriteAllBytes(path, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>A temporary folder that deletes itself.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("mediagate-kokoro-").FullName;

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, true);
    }
}

namespace Mediagate.Models;

/// <summary>The models Mediagate knows, each file pinned by URL, size, SHA-256 and licence.</summary>
/// <remarks>
/// The Kokoro values are the ones public download scripts pin for the kokoro-onnx <c>model-files-v1.0</c> release
/// (see <c>shared/models/README.md</c>); they were not recomputed on our build machines, which cannot reach the files.
/// </remarks>
public sealed record ModelManifest(IReadOnlyList<Model> Models)
{
    private const string KokoroRelease = "https://github.com/thewh1teagle/kokoro-onnx/releases/download/model-files-v1.0/";

    /// <summary>Kokoro-82M v1.0, int8 weights (kokoro-onnx release model-files-v1.0).</summary>
    public static readonly ModelFile KokoroInt8 = new("kokoro-v1.0.int8.onnx", new Uri(KokoroRelease + "kokoro-v1.0.int8.onnx"),
        92_361_271, "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb", "Apache-2.0");

    /// <summary>Kokoro-82M v1.0, fp32 weights (kokoro-onnx release model-files-v1.0).</summary>
    public static readonly ModelFile KokoroFp32 = new("kokoro-v1.0.onnx", new Uri(KokoroRelease + "kokoro-v1.0.onnx"),
        325_532_387, "7d5df8ecf7d4b1878015a32686053fd0eebe2bc377234608764cc0ef3636a6c5", "Apache-2.0");

    /// <summary>Kokoro's 54 voices, a NumPy <c>.npz</c> of [510, 1, 256] float32 style arrays.</summary>
    public static readonly ModelFile KokoroVoices = new("voices-v1.0.bin", new Uri(KokoroRelease + "voices-v1.0.bin"),
        28_214_398, "bca610b8308e8d99f32e6fe4197e7ec01679264efed0cac9140fe9c29f1fbf7d", "Apache-2.0");

    /// <summary>The name of the model <c>mediagate models pull</c> means when none is given, and the one the Kokoro provider prefers.</summary>
    public const string DefaultModel = "kokoro";

    /// <summary>The built-in manifest: <c>kokoro</c> (int8 + voices) and <c>kokoro-fp32</c> (fp32 + voices).</summary>
    public static ModelManifest BuiltIn { get; } = new([
        new Model("kokoro", "Kokoro-82M v1.0 voice, int8 weights", [KokoroInt8, KokoroVoices]),
        new Model("kokoro-fp32", "Kokoro-82M v1.0 voice, fp32 weights (larger, slightly cleaner)", [KokoroFp32, KokoroVoices]),
    ]);

    /// <summary>The model called <paramref name="name"/> (case-insensitive), or null.</summary>
    public Model? Find(string name) => Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The pinned file called <paramref name="fileName"/>, or null.</summary>
    public ModelFile? FindFile(string fileName) =>
        Models.SelectMany(m => m.Files).FirstOrDefault(f => string.Equals(f.FileName, fileName, StringComparison.Ordinal));

    /// <summary>Every distinct pinned file.</summary>
    public IEnumerable<ModelFile> AllFiles => Models.SelectMany(m => m.Files).DistinctBy(f => f.FileName);
}

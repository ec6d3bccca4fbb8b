namespace Mediagate.Local.Kokoro;

/// <summary>Where a Kokoro install's files are: the ONNX model, and the voices (<c>voices-v1.0.bin</c>, or a raw voice file or folder of them).</summary>
/// <param name="Model">The ONNX export (<c>kokoro-v1.0.onnx</c>, <c>kokoro-v1.0.int8.onnx</c>…).</param>
/// <param name="Voices">The voices file or folder.</param>
public sealed record KokoroFiles(string Model, string Voices)
{
    /// <summary>True when both are on disk.</summary>
    public bool Exist => File.Exists(Model) && (File.Exists(Voices) || Directory.Exists(Voices));
}

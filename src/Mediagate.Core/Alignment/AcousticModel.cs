namespace Mediagate.Alignment;

/// <summary>Where pocketsphinx's US English acoustic model and pronunciation dictionary live (Debian <c>pocketsphinx-en-us</c>).</summary>
/// <param name="HmmDirectory">The acoustic model's directory (holds <c>mdef</c>, <c>means</c>, <c>feat.params</c>).</param>
/// <param name="DictionaryPath">The CMU pronunciation dictionary.</param>
public sealed record AcousticModel(string HmmDirectory, string DictionaryPath)
{
    /// <summary>Debian's install location of the model.</summary>
    public const string DefaultDirectory = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>The pocketsphinx library the acoustic aligner calls.</summary>
    public const string LibraryFile = PocketSphinxNative.Library;

    /// <summary>The environment variable that points the CLI at another model directory (tests point it at a missing one).</summary>
    public const string EnvironmentVariable = "MEDIAGATE_ACOUSTIC_MODEL";

    /// <summary>The packages that provide the acoustic aligner, as one apt-get line.</summary>
    public const string AptFix = "apt-get install libpocketsphinx3 pocketsphinx-en-us";

    /// <summary>The model under <paramref name="directory"/> (Debian's location when null), or null with the reason it is unusable.</summary>
    public static AcousticModel? Find(string? directory, out string? reason)
    {
        var root = directory ?? DefaultDirectory;
        var model = new AcousticModel(Path.Combine(root, "en-us"), Path.Combine(root, "cmudict-en-us.dict"));
        reason = null;
        if (!File.Exists(Path.Combine(model.HmmDirectory, "mdef")))
        {
            reason = $"the pocketsphinx acoustic model is missing (no {Path.Combine(model.HmmDirectory, "mdef")})";
        }
        else if (!File.Exists(model.DictionaryPath))
        {
            reason = $"the pocketsphinx dictionary is missing (no {model.DictionaryPath})";
        }
        else if (!PocketSphinxAligner.LibraryLoads())
        {
            reason = $"the pocketsphinx library is missing ({PocketSphinxNative.Library})";
        }
        return reason is null ? model : null;
    }
}

using Mediagate.Models;

namespace Mediagate.Local.Kokoro;

/// <summary>Finds the installed and verified Kokoro files in the model store: the int8 model first, then fp32, with the voices.</summary>
public static class KokoroInstall
{
    /// <summary>The store's Kokoro models, in the order they are preferred.</summary>
    public static readonly IReadOnlyList<string> Models = [ModelManifest.DefaultModel, "kokoro-fp32"];

    /// <summary>The files of the first model that is ready, or null with why none is.</summary>
    public static (KokoroFiles? Files, string Reason) Find(ModelStore store)
    {
        string? reason = null;
        foreach (var name in Models.Where(m => store.Manifest.Find(m) is not null))
        {
            var state = store.Check(name);
            if (state.IsReady)
            {
                var model = state.Model.Files.First(f => f.FileName != ModelManifest.KokoroVoices.FileName).FileName;
                return (new KokoroFiles(state.PathOf(model)!, state.PathOf(ModelManifest.KokoroVoices.FileName)!), string.Empty);
            }
            // The default model's reason, unless only another one is (partly) there: then that one's says what to do.
            reason = reason is null || state.AnyInstalled ? state.Reason : reason;
        }
        return (null, reason ?? KokoroVoiceProvider.NotInstalled);
    }

    /// <summary>The Kokoro voice provider over the store: available once a model is installed and verified.</summary>
    public static KokoroVoiceProvider Provider(ModelStore store) =>
        new(() => Find(store).Files) { WhyNotInstalled = () => Find(store).Reason };
}

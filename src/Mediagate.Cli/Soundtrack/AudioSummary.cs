using Mediagate.Capabilities;
using Mediagate.Soundtrack;

namespace Mediagate.Cli.Soundtrack;

/// <summary>What <c>mediagate audio</c> tells a person when it is done: the notices on stderr and the summary on stdout.</summary>
internal static class AudioSummary
{
    /// <summary>Fallbacks and anomalies, on stderr: the run succeeded, but not entirely as asked.</summary>
    public static void PrintNotices(CliHost host, SoundtrackResult result)
    {
        foreach (var line in result.Lines)
        {
            foreach (var failed in line.Chain?.Links.Where(k => k.State == LinkState.Failed) ?? [])
            {
                host.Error.WriteLine($"! voice:{line.Id}: {failed.Label} {failed.Reason}; {line.Provider} took over.");
            }
        }
        foreach (var anomaly in result.Anomalies.Where(a => !a.Kind.StartsWith("bgm", StringComparison.Ordinal)))
        {
            host.Error.WriteLine($"! {anomaly.Item}: {anomaly.Message}");
        }
    }

    public static void PrintSummary(CliHost host, SoundtrackResult result)
    {
        var layout = result.Layout;
        var voice = result.Lines.Count == 0 ? "no narration"
            : $"{result.Lines.Count} lines ({string.Join(", ", result.Lines.Select(l => l.Provider).Distinct())}{(result.Lines.All(l => l.Cached) ? ", cached" : string.Empty)})";
        var music = result.Music is { } m ? $"music from {m.Provider}{(m.Cached ? " (cached)" : string.Empty)}" : "no music";
        var sfx = $"{result.Effects.Count} sound effect{(result.Effects.Count == 1 ? string.Empty : "s")}";
        host.Out.WriteLine($"✓ Wrote {layout.Root.TrimEnd('/')}/ ({result.TotalSeconds:0.0} s): {voice}, {music}, {sfx}.");
        if (result.Mix is { } mix)
        {
            host.Out.WriteLine($"  {layout.Full(mix.Path)}: {mix.Loudness.IntegratedLufs:0.0} LUFS integrated, true peak {mix.Loudness.TruePeakDbtp:0.0} dBTP (target {result.Settings.TargetLufs:0.#} LUFS, ceiling {result.Settings.CeilingDbtp:0.#} dBTP).");
        }
        if (result.Lines.Count > 0 && result.Parts.Contains("tts"))
        {
            var (srt, vtt, words) = layout.Captions;
            host.Out.WriteLine($"  captions: {layout.Full(srt)}, {layout.Full(vtt)}, {layout.Full(words)}");
        }
        host.Out.WriteLine($"  details: {layout.MetaFile}");
        if (result.Mix is not null)
        {
            host.Out.WriteLine($"  listen: play {layout.Full(result.Mix.Path)}");
        }
    }
}

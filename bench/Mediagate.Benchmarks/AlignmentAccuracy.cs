using Mediagate.Alignment;
using Mediagate.Tests.Support;

namespace Mediagate.Benchmarks;

/// <summary>
/// Forced-alignment accuracy on synthetic ground truth: eSpeak speech in voices, speeds and pitches other than the reference,
/// with silence padding, long pauses between sentences and white noise; every word's start and end is compared to the truth.
/// </summary>
public static class AlignmentAccuracy
{
    public static void Run()
    {
        var cases = new (string Voice, double Speed, int Pitch, double Snr)[]
        {
            ("en-gb+m3", 1.25, 60, 20), ("af_heart", 0.85, 40, 20), ("en-us+f2", 1.0, 70, 15), ("bm_george", 1.4, 35, 25),
            ("am_michael", 0.7, 55, 20), ("en-us+m7", 1.1, 45, 10),
        };
        var all = new List<double>();
        Console.WriteLine("| voice | speed | pitch | SNR dB | median ms | p95 ms | max ms |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (voice, speed, pitch, snr) in cases)
        {
            var script = SyntheticSpeech.Script.Concat(SyntheticSpeech.Script.Reverse()).ToArray();
            var (audio, truth) = SyntheticSpeech.Build(script, voice, speed, pitch, 1.5, 2.0, k => k % 3 == 1 ? 1.5 : 0.25, snr, seed: 11);
            var aligned = new ForcedAligner().Align(audio, string.Join(' ', script), CancellationToken.None).Words;
            var errors = SyntheticSpeech.BoundaryErrors(truth, aligned);
            all.AddRange(errors);
            Console.WriteLine($"| {voice} | {speed} | {pitch} | {snr} | {Ms(SyntheticSpeech.Percentile(errors, 0.5))} | {Ms(SyntheticSpeech.Percentile(errors, 0.95))} | {Ms(errors[^1])} |");
        }
        all.Sort();
        Console.WriteLine($"| **all {all.Count} boundaries** | | | | **{Ms(SyntheticSpeech.Percentile(all, 0.5))}** | **{Ms(SyntheticSpeech.Percentile(all, 0.95))}** | {Ms(all[^1])} |");
    }

    private static string Ms(double seconds) => (seconds * 1000).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}

using Mediagate.Capabilities.Voice;
using Mediagate.Captions;
using Mediagate.Local.Voice;

namespace Mediagate.Tests.Support;

/// <summary>
/// Narration with known word timings, for alignment tests and the accuracy benchmark: eSpeak speech in a given voice, speed
/// and pitch, one sentence at a time, with silence padding before and after, chosen pauses between sentences, and white noise.
/// </summary>
public static class SyntheticSpeech
{
    public const int Rate = 16000;

    public static (float[] Audio, List<Word> Truth) Build(
        IReadOnlyList<string> sentences, string voice, double speed, int pitch, double leadSeconds, double tailSeconds,
        Func<int, double> pauseAfter, double snrDb, int seed)
    {
        var engine = new LocalVoiceEngine();
        var audio = new List<float>();
        var truth = new List<Word>();
        void Silence(double seconds) => audio.AddRange(new float[(int)(seconds * Rate)]);
        Silence(leadSeconds);
        for (var k = 0; k < sentences.Count; k++)
        {
            using var wav = new MemoryStream();
            var result = engine.Synthesize(new SpeechRequest(sentences[k], voice, null, speed, pitch, Rate), wav, CancellationToken.None);
            var offset = audio.Count / (double)Rate;
            var bytes = wav.ToArray();
            for (var i = 44; i + 1 < bytes.Length; i += 2)
            {
                audio.Add((short)(bytes[i] | (bytes[i + 1] << 8)) / 32768f);
            }
            truth.AddRange(result.Words.Select(w => w with { Id = $"w{truth.Count + int.Parse(w.Id[1..], System.Globalization.CultureInfo.InvariantCulture)}", Start = w.Start + offset, End = w.End + offset }));
            Silence(k == sentences.Count - 1 ? 0 : pauseAfter(k));
        }
        Silence(tailSeconds);
        var speech = audio.Where(x => x != 0).ToList();
        var power = speech.Count == 0 ? 0 : speech.Average(x => (double)x * x);
        var amplitude = Math.Sqrt(3 * power / Math.Pow(10, snrDb / 10));
        var random = new Random(seed);
        return (audio.Select(x => x + (float)(amplitude * (random.NextDouble() * 2 - 1))).ToArray(), truth);
    }

    /// <summary>Absolute start and end errors, in seconds, over words that are spoken (non-zero length).</summary>
    public static List<double> BoundaryErrors(IReadOnlyList<Word> truth, IReadOnlyList<Word> aligned)
    {
        var errors = new List<double>();
        for (var i = 0; i < truth.Count; i++)
        {
            if (truth[i].End > truth[i].Start)
            {
                errors.Add(Math.Abs(aligned[i].Start - truth[i].Start));
                errors.Add(Math.Abs(aligned[i].End - truth[i].End));
            }
        }
        errors.Sort();
        return errors;
    }

    public static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    public static readonly string[] Script =
    [
        "Mediagate gives a video pipeline its sound, with narration, music, and effects.",
        "Every word carries an exact timing, so captions land on the beat.",
        "When a provider fails, the next one takes over without losing the job.",
        "Silence at the start, the end, or between sentences must not pull the boundaries.",
    ];
}

using BenchmarkDotNet.Attributes;
using Mediagate.Local.Kokoro;

namespace Mediagate.Benchmarks;

/// <summary>Kokoro's text → token ids (normalise, eSpeak NG IPA in-process, Kokoro's rules, vocabulary, chunks), one sentence per call.</summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class KokoroTextBenchmarks
{
    /// <summary>Ten typical narration sentences, with numbers, money, times, abbreviations and quotes.</summary>
    public static readonly string[] Sentences =
    [
        "Mediagate gives a video pipeline its sound, with narration, music, and effects.",
        "Every word carries an exact timing, so captions land on the beat.",
        "On March 14th, 2025, the team shipped version 3.2 to forty thousand users.",
        "The plan costs $12.50 a month, or $120 a year if you pay up front.",
        "Dr. Smith arrives at 9:30 a.m. and leaves before 5 p.m.",
        "\"Is it ready?\" she asked. \"Not yet — give it ten more minutes.\"",
        "Quiet mornings are best for recording, before the city wakes and the traffic starts.",
        "When a provider fails, the next one takes over without losing the job.",
        "Kokoro reads the text aloud at twenty-four kilohertz, then Mediagate resamples it.",
        "Turn left onto Main St., drive 2.5 miles, and park behind the blue building.",
    ];

    private readonly KokoroPhonemizer _phonemizer = new();
    private readonly KokoroTokenizer _tokenizer = new(KokoroVocabulary.V1);

    [GlobalSetup]
    public void Setup()
    {
        var tokens = Sentences.Sum(s => _tokenizer.Chunks(_phonemizer.Phonemize(s, "en-us")).Sum(c => c.Ids.Length));
        Console.WriteLine($"// {Sentences.Length} sentences, {tokens} tokens");
    }

    [Benchmark(Description = "Kokoro text → token ids, per sentence (mean of 10)", OperationsPerInvoke = 10)]
    public int TokenIdsPerSentence()
    {
        var count = 0;
        foreach (var sentence in Sentences)
        {
            count += _tokenizer.Chunks(_phonemizer.Phonemize(sentence, "en-us")).Count;
        }
        return count;
    }
}

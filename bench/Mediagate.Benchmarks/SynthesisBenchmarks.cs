using BenchmarkDotNet.Attributes;
using Mediagate.Capabilities.Voice;
using Mediagate.Local.Voice;

namespace Mediagate.Benchmarks;

/// <summary>In-process local synthesis of a 2,000-word text: eSpeak, word mapping, resampling to 24 kHz and WAV writing.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class SynthesisBenchmarks
{
    private readonly LocalVoiceEngine _engine = new();
    private SpeechRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = new SpeechRequest(Texts.Words(2000));
        using var wav = new MemoryStream();
        var result = _engine.Synthesize(_request, wav, CancellationToken.None);
        Console.WriteLine($"// audio: {result.DurationSeconds:F1} s for {result.Words.Count} words");
    }

    [Benchmark(Description = "local voice, 2,000 words")]
    public double Synthesize2000Words()
    {
        using var wav = new MemoryStream();
        return _engine.Synthesize(_request, wav, CancellationToken.None).DurationSeconds;
    }
}

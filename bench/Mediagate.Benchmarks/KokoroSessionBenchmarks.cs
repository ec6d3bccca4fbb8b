using BenchmarkDotNet.Attributes;
using Mediagate.Alignment;
using Mediagate.Local.Kokoro;

namespace Mediagate.Benchmarks;

/// <summary>
/// What one ONNX Runtime call costs Mediagate besides the model's own compute, on the tiny fixture model (scripts/kokoro/make-fixture.py),
/// whose graph does almost nothing: tensors in, session run, tensors out; and one short sentence through the whole synthesizer.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class KokoroSessionBenchmarks
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "kokoro", name);

    private KokoroModel _model = null!;
    private KokoroSynthesizer _synthesizer = null!;
    private KokoroVoiceTable _voice = null!;
    private long[] _ids = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = new KokoroModel(Fixture("kokoro-tiny-durations.onnx"));
        _voice = new KokoroVoiceTable("af_bench", new float[KokoroVoiceTable.Rows * KokoroVoiceTable.StyleSize]);
        _synthesizer = new KokoroSynthesizer(_model, new KokoroPhonemizer(), new ForcedAligner());
        var chunk = new KokoroTokenizer(KokoroVocabulary.V1).Chunks(new KokoroPhonemizer().Phonemize("Hello, world.", "en-us"))[0];
        _ids = chunk.WithPads();
        Console.WriteLine($"// model: {_model.Signature}; {_ids.Length} ids with pads");
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(Description = "KokoroModel.Run, one 15-token chunk (fixed cost per call)")]
    public int Run() => _model.Run(_ids, _voice.StyleFor(_ids.Length - 2), 1.0).Audio.Length;

    [Benchmark(Description = "KokoroSynthesizer.Speak \"Hello, world.\" (phonemes, tokens, call, timings)")]
    public int Speak() => _synthesizer.Speak("Hello, world.", _voice, "en-us", 1.0, CancellationToken.None).Audio.Length;
}

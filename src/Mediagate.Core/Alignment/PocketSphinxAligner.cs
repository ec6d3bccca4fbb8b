using System.Runtime.InteropServices;
using System.Text;

namespace Mediagate.Alignment;

/// <summary>
/// Forces pocketsphinx's acoustic model of human US English onto the known words, in process: a linear JSGF grammar of the
/// text's readings, silence allowed between words, no voice-activity cut (<c>-remove_silence no</c>), one whole utterance.
/// </summary>
internal sealed unsafe class PocketSphinxAligner(AcousticModel model)
{
    /// <summary>pocketsphinx's frame step in seconds (100 frames a second).</summary>
    public const double FrameSeconds = 0.01;

    private static readonly Lazy<bool> Loads = new(() =>
        NativeLibrary.TryLoad(PocketSphinxNative.Library, typeof(PocketSphinxAligner).Assembly, null, out _)
        && NativeLibrary.TryLoad(PocketSphinxNative.BaseLibrary, typeof(PocketSphinxAligner).Assembly, null, out _));

    private static readonly Lock Gate = new();

    /// <summary>pocketsphinx's own beams first (fast); wider ones when they prune the true path (noisy or 8 kHz audio), then
    /// almost none (unusual speech such as eSpeak's own at 1.2x).</summary>
    private static class Beams
    {
        public static readonly string[] Default = [];
        public static readonly string[] Wide = ["-beam", "1e-80", "-pbeam", "1e-80", "-wbeam", "1e-60", "-lpbeam", "1e-60", "-lponlybeam", "1e-60"];
        public static readonly string[] Widest = ["-beam", "1e-120", "-pbeam", "1e-120", "-wbeam", "1e-100", "-lpbeam", "1e-100", "-lponlybeam", "1e-100"];
    }

    /// <summary>Whether libpocketsphinx and libsphinxbase load on this machine.</summary>
    public static bool LibraryLoads() => Loads.Value;

    /// <summary>Decodes 16 kHz mono <paramref name="audio"/> against <paramref name="tokens"/>; each spoken token gets its frames and acoustic score.</summary>
    /// <exception cref="AcousticAlignmentException">pocketsphinx refused the model or the grammar, or found no path through the audio.</exception>
    public AcousticSegments Align(float[] audio, IReadOnlyList<string> tokens, CancellationToken cancellationToken)
    {
        var grammar = AcousticGrammar.Build(tokens, model.DictionaryPath);
        if (grammar.SpokenTokens == 0)
        {
            throw new UsageException("the text has no words to align", "give the words that are spoken in the recording");
        }
        cancellationToken.ThrowIfCancellationRequested();
        var pcm = ToPcm(audio);
        var dictionaryPath = Path.Combine(Path.GetTempPath(), $"mediagate-align-{Environment.ProcessId}-{Guid.NewGuid():N}.dict");
        File.WriteAllText(dictionaryPath, grammar.Dictionary);
        try
        {
            lock (Gate)
            {
                PocketSphinxNative.SetLogFile(0);
                return Decode(dictionaryPath, grammar, pcm, tokens.Count, Beams.Default, cancellationToken)
                    ?? Decode(dictionaryPath, grammar, pcm, tokens.Count, Beams.Wide, cancellationToken)
                    ?? Decode(dictionaryPath, grammar, pcm, tokens.Count, Beams.Widest, cancellationToken)
                    ?? throw new AcousticAlignmentException("pocketsphinx found no path through the audio for these words");
            }
        }
        finally
        {
            File.Delete(dictionaryPath);
        }
    }

    /// <summary>One decoding pass, or null when the beams pruned every path to the grammar's end.</summary>
    private AcousticSegments? Decode(string dictionaryPath, AcousticGrammar grammar, short[] pcm, int tokenCount, string[] beams, CancellationToken cancellationToken)
    {
        var decoder = Create(dictionaryPath, beams);
        try
        {
            return Decode(decoder, grammar, pcm, tokenCount, cancellationToken);
        }
        finally
        {
            PocketSphinxNative.Free(decoder);
        }
    }

    private static AcousticSegments? Decode(nint decoder, AcousticGrammar grammar, short[] pcm, int tokenCount, CancellationToken cancellationToken)
    {
        if (PocketSphinxNative.SetJsgfString(decoder, "align", grammar.Jsgf) != 0 || PocketSphinxNative.SetSearch(decoder, "align") != 0)
        {
            throw new AcousticAlignmentException("pocketsphinx refused the alignment grammar");
        }
        PocketSphinxNative.StartUtterance(decoder);
        cancellationToken.ThrowIfCancellationRequested();
        fixed (short* samples = pcm)
        {
            PocketSphinxNative.ProcessRaw(decoder, samples, (nuint)pcm.Length, 0, 1);
        }
        PocketSphinxNative.EndUtterance(decoder);
        int best;
        if (PocketSphinxNative.Hypothesis(decoder, &best) == 0)
        {
            return null;
        }
        var words = new AcousticWord?[tokenCount];
        var pauses = new List<(int Start, int End)>();
        for (var segment = PocketSphinxNative.SegmentIterator(decoder); segment != 0; segment = PocketSphinxNative.SegmentNext(segment))
        {
            var name = Marshal.PtrToStringUTF8(PocketSphinxNative.SegmentWord(segment)) ?? "";
            int start, end, acoustic, language, backoff;
            PocketSphinxNative.SegmentFrames(segment, &start, &end);
            PocketSphinxNative.SegmentProbability(segment, &acoustic, &language, &backoff);
            var token = AcousticGrammar.TokenOf(name);
            if (token < 0)
            {
                pauses.Add((start, end + 1));
                continue;
            }
            words[token] = words[token] is { } seen
                ? seen with { EndFrame = end + 1, AcousticScore = seen.AcousticScore + acoustic }
                : new AcousticWord(start, end + 1, acoustic);
        }
        return new AcousticSegments(words, pauses, pcm.Length / 16000.0);
    }

    private nint Create(string dictionaryPath, string[] beams)
    {
        string[] argv = ["mediagate", "-hmm", model.HmmDirectory, "-dict", dictionaryPath, "-remove_silence", "no", "-logfn", "/dev/null", .. beams];
        var utf8 = argv.Select(a => Encoding.UTF8.GetBytes(a + "\0")).ToArray();
        var handles = utf8.Select(b => GCHandle.Alloc(b, GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = stackalloc byte*[utf8.Length];
            for (var i = 0; i < utf8.Length; i++)
            {
                pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
            }
            var config = PocketSphinxNative.ParseArguments(0, PocketSphinxNative.Arguments(), utf8.Length, pointers, 1);
            if (config == 0)
            {
                throw new AcousticAlignmentException("pocketsphinx refused its configuration");
            }
            var decoder = PocketSphinxNative.Init(config);
            PocketSphinxNative.FreeArguments(config);
            return decoder != 0 ? decoder : throw new AcousticAlignmentException($"pocketsphinx could not load the acoustic model in {model.HmmDirectory}");
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Free();
            }
        }
    }

    private static short[] ToPcm(float[] audio)
    {
        var peak = 0f;
        foreach (var sample in audio)
        {
            peak = Math.Max(peak, Math.Abs(sample));
        }
        var gain = peak > 0 ? 0.9f / peak * 32767f : 0f;
        var pcm = new short[audio.Length];
        for (var i = 0; i < audio.Length; i++)
        {
            pcm[i] = (short)Math.Clamp(audio[i] * gain, -32768f, 32767f);
        }
        return pcm;
    }
}

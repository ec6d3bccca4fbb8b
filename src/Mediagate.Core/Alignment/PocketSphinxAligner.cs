using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;
using Mediagate.Captions;

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

    private const int UncoveredSoundFrames = 35;

    private static int searches;

    /// <summary>A chunk that fails is joined with up to this many neighbours on each side before the recording is decoded whole.</summary>
    private const int MaxJoinRadius = 3;

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
    /// <param name="coarse">A coarse timing of the tokens (eSpeak + DTW) that lets a long recording be decoded in chunks cut at its pauses; null to decode it whole.</param>
    /// <exception cref="AcousticAlignmentException">pocketsphinx refused the model or the grammar, or found no path through the audio.</exception>
    public AcousticSegments Align(float[] audio, IReadOnlyList<string> tokens, IReadOnlyList<Word>? coarse, CancellationToken cancellationToken)
    {
        var grammar = AcousticGrammar.Build(tokens, model.DictionaryPath);
        if (grammar.SpokenTokens == 0)
        {
            throw new UsageException("the text has no words to align", "give the words that are spoken in the recording");
        }
        cancellationToken.ThrowIfCancellationRequested();
        var pcm = ToPcm(audio);
        var frames = pcm.Length / 160;
        var quiet = BoundaryRefiner.QuietFrames(audio);
        var chunks = coarse is null ? [new AcousticChunk(0, tokens.Count, 0, frames)] : AcousticChunks.Plan(quiet, coarse, tokens.Count, frames);
        var dictionaryPath = Path.Combine(Path.GetTempPath(), $"mediagate-align-{Environment.ProcessId}-{Guid.NewGuid():N}.dict");
        File.WriteAllText(dictionaryPath, grammar.Dictionary);
        try
        {
            lock (Gate)
            {
                PocketSphinxNative.SetLogFile(0);
                var decoded = chunks.Count > 1 ? DecodeChunks(dictionaryPath, grammar, pcm, chunks, quiet, cancellationToken) : null;
                return decoded ?? DecodeWithRetries(dictionaryPath, grammar, pcm, new AcousticChunk(0, tokens.Count, 0, frames), cancellationToken)
                    ?? throw new AcousticAlignmentException("pocketsphinx found no path through the audio for these words");
            }
        }
        finally
        {
            File.Delete(dictionaryPath);
        }
    }

    /// <summary>
    /// Decodes each chunk on its own with the default beams, on as many threads as there are cores (one decoder each: a
    /// decoder is not thread-safe). A chunk they fail, or whose edges hold sound none of its words took, is decoded again
    /// joined with its neighbours (one, two, then three on each side), default beams then wider ones; null when that finds no
    /// path either, so the caller decodes the recording whole.
    /// </summary>
    private AcousticSegments? DecodeChunks(string dictionaryPath, AcousticGrammar grammar, short[] pcm, IReadOnlyList<AcousticChunk> chunks, bool[] quiet, CancellationToken cancellationToken)
    {
        var results = new AcousticSegments?[chunks.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, chunks.Count, options, () => Create(dictionaryPath, Beams.Default), (i, _, decoder) =>
            {
                results[i] = Decode(decoder, grammar, pcm, chunks[i], cancellationToken);
                return decoder;
            }, decoder => PocketSphinxNative.Free(decoder));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }

        var pieces = chunks.Select((chunk, i) => (Chunk: chunk, Segments: results[i] is { } r && Covers(r, quiet) ? r : null)).ToList();
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Segments is not null)
            {
                continue;
            }
            var (first, last) = (i, i);
            AcousticSegments? segments = null;
            for (var radius = 1; segments is null && radius <= MaxJoinRadius; radius++)
            {
                (first, last) = (Math.Max(0, i - radius), Math.Min(pieces.Count - 1, i + radius));
                if (first == 0 && last == pieces.Count - 1)
                {
                    return null;
                }
                var joined = pieces[first].Chunk;
                for (var k = first + 1; k <= last; k++)
                {
                    joined = AcousticChunks.Join(joined, pieces[k].Chunk);
                }
                segments = DecodeWithRetries(dictionaryPath, grammar, pcm, joined, cancellationToken) is { } s && Covers(s, quiet) ? s : null;
                if (segments is not null)
                {
                    pieces[first] = (joined, segments);
                    pieces.RemoveRange(first + 1, last - first);
                }
            }
            if (segments is null)
            {
                return null;
            }
            i = first;
        }
        var words = new AcousticWord?[grammar.TokenCount];
        var fillers = new List<(int Start, int End)>();
        foreach (var (chunk, segments) in pieces)
        {
            for (var t = chunk.FirstToken; t < chunk.FirstToken + chunk.TokenCount; t++)
            {
                words[t] = segments!.Words[t];
            }
            fillers.AddRange(segments!.Fillers);
        }
        return new AcousticSegments(words, fillers, pcm.Length / 16000.0);
    }

    /// <summary>Whether the sound at the chunk's edges went to its words: a filler before its first word or after its last that
    /// holds 350 ms of sound means its grammar lacks words that it holds (the coarse alignment put a cut on the wrong side of a
    /// word, as it can among repeated phrases).</summary>
    private static bool Covers(AcousticSegments segments, bool[] quiet)
    {
        var spoken = segments.Words.OfType<AcousticWord>().ToList();
        if (spoken.Count == 0)
        {
            return true;
        }
        var (firstStart, lastEnd) = (spoken.Min(w => w.StartFrame), spoken.Max(w => w.EndFrame));
        foreach (var (start, end) in segments.Fillers.Where(f => f.End <= firstStart + 1 || f.Start >= lastEnd - 1))
        {
            int sound = 0, run = 0;
            for (var f = Math.Max(0, start); f < Math.Min(end, quiet.Length); f++)
            {
                run = quiet[f] ? 0 : run + 1;
                sound = Math.Max(sound, run);
            }
            if (sound >= UncoveredSoundFrames)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The chunk decoded with pocketsphinx's default beams, then wider ones; null when none finds a path.</summary>
    private AcousticSegments? DecodeWithRetries(string dictionaryPath, AcousticGrammar grammar, short[] pcm, AcousticChunk chunk, CancellationToken cancellationToken)
    {
        foreach (var beams in new[] { Beams.Default, Beams.Wide, Beams.Widest })
        {
            var decoder = Create(dictionaryPath, beams);
            try
            {
                if (Decode(decoder, grammar, pcm, chunk, cancellationToken) is { } segments)
                {
                    return segments;
                }
            }
            finally
            {
                PocketSphinxNative.Free(decoder);
            }
        }
        return null;
    }

    /// <summary>One decoding pass over the chunk, its frames counted from the recording's start; null when the beams pruned every path to the grammar's end.</summary>
    private static AcousticSegments? Decode(nint decoder, AcousticGrammar grammar, short[] pcm, AcousticChunk chunk, CancellationToken cancellationToken)
    {
        if (grammar.SpokenIn(chunk.FirstToken, chunk.TokenCount) == 0)
        {
            return new AcousticSegments(new AcousticWord?[grammar.TokenCount], [], pcm.Length / 16000.0);
        }
        var search = $"align{Interlocked.Increment(ref searches)}";
        if (PocketSphinxNative.SetJsgfString(decoder, search, grammar.JsgfOf(chunk.FirstToken, chunk.TokenCount)) != 0
            || PocketSphinxNative.SetSearch(decoder, search) != 0)
        {
            throw new AcousticAlignmentException("pocketsphinx refused the alignment grammar");
        }
        PocketSphinxNative.StartUtterance(decoder);
        cancellationToken.ThrowIfCancellationRequested();
        var first = chunk.StartFrame * 160;
        var length = Math.Min(pcm.Length, chunk.EndFrame == pcm.Length / 160 ? pcm.Length : chunk.EndFrame * 160) - first;
        fixed (short* samples = &pcm[first])
        {
            PocketSphinxNative.ProcessRaw(decoder, samples, (nuint)length, 0, 1);
        }
        PocketSphinxNative.EndUtterance(decoder);
        int best;
        if (PocketSphinxNative.Hypothesis(decoder, &best) == 0)
        {
            return null;
        }
        var words = new AcousticWord?[grammar.TokenCount];
        var pauses = new List<(int Start, int End)>();
        var offset = chunk.StartFrame;
        for (var segment = PocketSphinxNative.SegmentIterator(decoder); segment != 0; segment = PocketSphinxNative.SegmentNext(segment))
        {
            var name = Marshal.PtrToStringUTF8(PocketSphinxNative.SegmentWord(segment)) ?? "";
            int start, end, acoustic, language, backoff;
            PocketSphinxNative.SegmentFrames(segment, &start, &end);
            PocketSphinxNative.SegmentProbability(segment, &acoustic, &language, &backoff);
            start += offset;
            end += offset;
            var token = AcousticGrammar.TokenOf(name);
            if (token < 0)
            {
                pauses.Add((start, end + 1));
                continue;
            }
            var phones = grammar.PhonesOf(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var (firstPhone, lastPhone) = (phones.FirstOrDefault() ?? "", phones.LastOrDefault() ?? "");
            words[token] = words[token] is { } seen
                ? seen with { EndFrame = end + 1, AcousticScore = seen.AcousticScore + acoustic, LastPhone = lastPhone }
                : new AcousticWord(start, end + 1, acoustic, firstPhone, lastPhone);
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

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

    /// <summary>Decoders are made one at a time: their set-up touches sphinxbase's process-wide state.</summary>
    private static readonly Lock Setup = new();

    private const int UncoveredSoundFrames = 10;

    private static int searches;

    /// <summary>How many tokens a chunk may begin or end away from where the coarse alignment put its edges.</summary>
    private const int EdgeSlack = 5;

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
    /// <param name="coarse">A coarse timing of the tokens (eSpeak + DTW), still being made, that lets a long recording be decoded in chunks cut at its pauses; null in it to decode the recording whole.</param>
    /// <exception cref="AcousticAlignmentException">pocketsphinx refused the model or the grammar, or found no path through the audio.</exception>
    /// <param name="levels">The recording's frame levels (<see cref="BoundaryRefiner.Levels"/>), which place the cuts and judge the chunks' edges.</param>
    public AcousticSegments Align(float[] audio, FrameLevels levels, IReadOnlyList<string> tokens, Task<IReadOnlyList<Word>?> coarse, CancellationToken cancellationToken)
    {
        var grammar = AcousticGrammar.Build(tokens, model.DictionaryPath);
        if (grammar.SpokenTokens == 0)
        {
            throw new UsageException("the text has no words to align", "give the words that are spoken in the recording");
        }
        cancellationToken.ThrowIfCancellationRequested();
        var pcm = ToPcm(audio);
        var frames = pcm.Length / 160;
        var timing = coarse.GetAwaiter().GetResult();
        var chunks = timing is null ? [new AcousticChunk(0, tokens.Count, 0, frames)] : AcousticChunks.Plan(levels.Quiet, timing, tokens.Count, frames);
        var dictionaryPath = Path.Combine(Path.GetTempPath(), $"mediagate-align-{Environment.ProcessId}-{Guid.NewGuid():N}.dict");
        File.WriteAllText(dictionaryPath, grammar.Dictionary);
        try
        {
            lock (Gate)
            {
                PocketSphinxNative.SetLogFile(0);
                var decoded = chunks.Count > 1 ? DecodeChunks(dictionaryPath, grammar, pcm, chunks, levels, cancellationToken) : null;
                return decoded ?? DecodeWithRetries(dictionaryPath, grammar, grammar.Jsgf, pcm, 0, frames, cancellationToken)
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
    /// decoder is not thread-safe), each thread taking a fixed share of the chunks in order, so the result does not depend on
    /// which thread came free first. The coarse alignment that placed the cuts can be wrong by a few words, so each chunk's
    /// grammar lets it begin and end up to <see cref="EdgeSlack"/> tokens either side of the planned edges. The chunks are
    /// then taken in order: one that begins where the one before it ended, and whose edges hold no sound its words did not
    /// take, is kept; one that does not is decoded again from the last kept word, alone, then joined with the next chunk,
    /// then with all the rest (default beams, then wider ones). Null when even that finds no path, so the caller decodes the
    /// recording whole.
    /// </summary>
    private AcousticSegments? DecodeChunks(string dictionaryPath, AcousticGrammar grammar, short[] pcm, IReadOnlyList<AcousticChunk> chunks, FrameLevels levels, CancellationToken cancellationToken)
    {
        // Chunk i's first-pass grammar, its edges loose except at the text's ends; null when no token near it has a reading.
        string? LooseGrammar(int i)
        {
            var (chunk, startSlack, endSlack) = (chunks[i], i == 0 ? 0 : EdgeSlack, i == chunks.Count - 1 ? 0 : EdgeSlack);
            var end = chunk.FirstToken + chunk.TokenCount;
            return grammar.AnySpoken(chunk.FirstToken - startSlack, end + endSlack) ? grammar.JsgfOf(chunk.FirstToken, end, startSlack, endSlack) : null;
        }

        // Worker w decodes chunks w, w + workers, … in that order, on one decoder: a decoder carries state from one utterance
        // into the next (its Gaussian selection starts from the last frame's), so handing chunks out as threads come free
        // made the same recording time a word 10 ms differently from one run to the next.
        var results = new AcousticSegments?[chunks.Count];
        var workers = Math.Min(Environment.ProcessorCount, chunks.Count);
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, workers, options, w =>
            {
                var decoder = Create(dictionaryPath, Beams.Default);
                try
                {
                    for (var i = w; i < chunks.Count; i += workers)
                    {
                        results[i] = LooseGrammar(i) is { } jsgf ? Decode(decoder, grammar, jsgf, pcm, chunks[i].StartFrame, chunks[i].EndFrame, cancellationToken) : Nothing(grammar, pcm);
                    }
                }
                finally
                {
                    PocketSphinxNative.Free(decoder);
                }
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }

        var lost = results.Count(r => r is null);
        if (lost < chunks.Count && results.OfType<AcousticSegments>().All(r => WordConfidence.Overall(r) < WordConfidence.MismatchBelow))
        {
            // Every part that found a path scores as other words would (a part whose cut is several words wrong still scores
            // well away from its edges): redoing them cannot make the text fit.
            throw new AcousticAlignmentException("every part of the recording scores as other words would against this text");
        }
        if (2 * lost > chunks.Count)
        {
            // Most chunks lost every path: the recording is not of these words, or of a voice far from the model's (eSpeak's
            // own). Unless wider beams find a path through the first of them, redoing them all (and then the whole recording)
            // would take minutes to come to the same end.
            var probe = Array.FindIndex(results, r => r is null);
            if (DecodeWithRetries(dictionaryPath, grammar, LooseGrammar(probe)!, pcm, chunks[probe].StartFrame, chunks[probe].EndFrame, cancellationToken) is null)
            {
                throw new AcousticAlignmentException($"pocketsphinx found no path through {lost} of the recording's {chunks.Count} parts for these words");
            }
        }
        // Decodes chunks [first, last] as one from token `from`; the segments when they follow on, else null.
        AcousticSegments? Redo(int first, int last, int from)
        {
            var end = chunks[last].FirstToken + chunks[last].TokenCount;
            var slack = last == chunks.Count - 1 ? 0 : EdgeSlack;
            // With no word left to say here (the piece before took them all), the chunk holds nothing, or it fails.
            var segments = grammar.AnySpoken(from, Math.Max(from, end) + slack)
                ? DecodeWithRetries(dictionaryPath, grammar, grammar.JsgfOf(from, end, 0, slack), pcm, chunks[first].StartFrame, chunks[last].EndFrame, cancellationToken)
                : Nothing(grammar, pcm);
            return Follows(segments, grammar, from, last == chunks.Count - 1, levels, chunks[first].StartFrame, chunks[last].EndFrame);
        }

        var kept = new List<(int First, int Last, int From, AcousticSegments Segments)>();
        for (var i = 0; i < chunks.Count;)
        {
            var from = kept.Count > 0 ? After(kept[^1].Segments, kept[^1].From) : 0;
            var (first, last) = (i, i);
            var segments = Follows(results[i], grammar, from, i == chunks.Count - 1, levels, chunks[i].StartFrame, chunks[i].EndFrame);
            foreach (var (redoLast, backUp) in Repairs(i, chunks.Count, kept.Count > 0))
            {
                if (segments is not null)
                {
                    break;
                }
                (first, last) = (backUp ? kept[^1].First : i, redoLast);
                segments = Redo(first, last, backUp ? kept[^1].From : from);
                if (segments is not null && backUp)
                {
                    from = kept[^1].From;
                    kept.RemoveAt(kept.Count - 1);
                }
            }
            if (segments is null)
            {
                return null;
            }
            kept.Add((first, last, from, segments));
            i = last + 1;
        }
        var words = new AcousticWord?[grammar.TokenCount];
        var fillers = new List<(int Start, int End)>();
        foreach (var piece in kept)
        {
            for (var t = 0; t < words.Length; t++)
            {
                words[t] = piece.Segments.Words[t] ?? words[t];
            }
            fillers.AddRange(piece.Segments.Fillers);
        }
        return new AcousticSegments(words, fillers, pcm.Length / 16000.0);
    }

    /// <summary>A decoding that found no words (for a stretch whose grammar would have none).</summary>
    private static AcousticSegments Nothing(AcousticGrammar grammar, short[] pcm) => new(new AcousticWord?[grammar.TokenCount], [], pcm.Length / 16000.0);

    /// <summary>How a chunk that does not follow on is decoded again, in order: alone from the last kept word (with wider beams
    /// if need be), joined with the next chunk; then, when a piece was kept before it, joined with that piece (whose end may
    /// have taken this chunk's first word), alone and with the next chunk; then joined with all the rest.</summary>
    /// <remarks>Each is the last chunk of the join, and whether it begins at the piece kept before.</remarks>
    private static IEnumerable<(int Last, bool BackUp)> Repairs(int chunk, int count, bool canBackUp)
    {
        var next = Math.Min(chunk + 1, count - 1);
        yield return (chunk, false);
        if (next != chunk)
        {
            yield return (next, false);
        }
        if (canBackUp)
        {
            yield return (chunk, true);
            if (next != chunk)
            {
                yield return (next, true);
            }
        }
        if (count - 1 > next)
        {
            yield return (count - 1, false);
        }
    }

    /// <summary>The token after the last word of <paramref name="segments"/>, or <paramref name="from"/> when it has none.</summary>
    private static int After(AcousticSegments segments, int from)
    {
        for (var t = segments.Words.Count - 1; t >= from; t--)
        {
            if (segments.Words[t] is not null)
            {
                return t + 1;
            }
        }
        return from;
    }

    /// <summary>The segments of frames [<paramref name="startFrame"/>, <paramref name="endFrame"/>) when they carry on from
    /// token <paramref name="next"/> (their first word is the first spoken token from there), reach the text's end when the
    /// chunk is the <paramref name="last"/>, and leave no sound at the edges to no word; else null.</summary>
    private static AcousticSegments? Follows(AcousticSegments? segments, AcousticGrammar grammar, int next, bool last, FrameLevels levels, int startFrame, int endFrame)
    {
        if (segments is null || !Covers(segments, levels.Loud, startFrame, endFrame))
        {
            return null;
        }
        var decoded = Enumerable.Range(0, segments.Words.Count).Where(t => segments.Words[t] is not null).ToList();
        var firstSpoken = grammar.FirstSpokenFrom(next);
        if (decoded.Count == 0)
        {
            return last && firstSpoken < 0 ? segments : null;
        }
        if (decoded[0] != firstSpoken || !Sounded(segments.Words[decoded[0]]!.Value, levels.Quiet) || !Sounded(segments.Words[decoded[^1]]!.Value, levels.Quiet))
        {
            return null;
        }
        return !last || grammar.FirstSpokenFrom(decoded[^1] + 1) < 0 ? segments : null;
    }

    /// <summary>Whether the sound of frames [<paramref name="startFrame"/>, <paramref name="endFrame"/>) went to the words:
    /// 100 ms of loud sound before the first word or after the last means the decoder left words out (the coarse alignment put a
    /// cut on the wrong side of them, or the beams lost their path and the chunk's optional last words let it stop early).</summary>
    private static bool Covers(AcousticSegments segments, bool[] loud, int startFrame, int endFrame)
    {
        var spoken = segments.Words.OfType<AcousticWord>().ToList();
        var (firstStart, lastEnd) = spoken.Count > 0 ? (spoken.Min(w => w.StartFrame), spoken.Max(w => w.EndFrame)) : (endFrame, endFrame);
        return Count(loud, startFrame, firstStart) < UncoveredSoundFrames && Count(loud, lastEnd, endFrame) < UncoveredSoundFrames;
    }

    /// <summary>Whether a third or more of the word's frames hold sound: a chunk's first or last word that lies in the pause
    /// at its edge belongs to the chunk beside it, and the optional words at a chunk's edges let the decoder take it.</summary>
    private static bool Sounded(AcousticWord word, bool[] quiet) => 3 * (word.EndFrame - word.StartFrame - Count(quiet, word.StartFrame, word.EndFrame)) >= word.EndFrame - word.StartFrame;

    /// <summary>How many of frames [<paramref name="start"/>, <paramref name="end"/>) are set in <paramref name="frames"/>.</summary>
    private static int Count(bool[] frames, int start, int end)
    {
        var count = 0;
        for (var f = Math.Max(0, start); f < Math.Min(end, frames.Length); f++)
        {
            count += frames[f] ? 1 : 0;
        }
        return count;
    }

    /// <summary>Frames [<paramref name="startFrame"/>, <paramref name="endFrame"/>) decoded against <paramref name="jsgf"/> with pocketsphinx's default beams, then wider ones; null when none finds a path.</summary>
    private AcousticSegments? DecodeWithRetries(string dictionaryPath, AcousticGrammar grammar, string jsgf, short[] pcm, int startFrame, int endFrame, CancellationToken cancellationToken)
    {
        foreach (var beams in new[] { Beams.Default, Beams.Wide, Beams.Widest })
        {
            var decoder = Create(dictionaryPath, beams);
            try
            {
                if (Decode(decoder, grammar, jsgf, pcm, startFrame, endFrame, cancellationToken) is { } segments)
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

    /// <summary>One decoding pass over frames [<paramref name="startFrame"/>, <paramref name="endFrame"/>), its frames counted from the recording's start; null when the beams pruned every path to the grammar's end.</summary>
    private static AcousticSegments? Decode(nint decoder, AcousticGrammar grammar, string jsgf, short[] pcm, int startFrame, int endFrame, CancellationToken cancellationToken)
    {
        var search = $"align{Interlocked.Increment(ref searches)}";
        if (PocketSphinxNative.SetJsgfString(decoder, search, jsgf) != 0 || PocketSphinxNative.SetSearch(decoder, search) != 0)
        {
            throw new AcousticAlignmentException("pocketsphinx refused the alignment grammar");
        }
        PocketSphinxNative.StartUtterance(decoder);
        cancellationToken.ThrowIfCancellationRequested();
        var first = startFrame * 160;
        var length = Math.Min(pcm.Length, endFrame == pcm.Length / 160 ? pcm.Length : endFrame * 160) - first;
        fixed (short* samples = pcm.AsSpan(first))
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
        for (var segment = PocketSphinxNative.SegmentIterator(decoder); segment != 0; segment = PocketSphinxNative.SegmentNext(segment))
        {
            var name = Marshal.PtrToStringUTF8(PocketSphinxNative.SegmentWord(segment)) ?? "";
            int start, end, acoustic, language, backoff;
            PocketSphinxNative.SegmentFrames(segment, &start, &end);
            PocketSphinxNative.SegmentProbability(segment, &acoustic, &language, &backoff);
            start += startFrame;
            end += startFrame;
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
        // No -logfn: each decoder given one would reopen sphinxbase's one global log file and fclose the old one while a
        // decoder on another thread still wrote to it (heap corruption, "free(): invalid size"); logging is off instead
        // (err_set_logfp(NULL) under the gate).
        string[] argv = ["mediagate", "-hmm", model.HmmDirectory, "-dict", dictionaryPath, "-remove_silence", "no", .. beams];
        var utf8 = argv.Select(a => Encoding.UTF8.GetBytes(a + "\0")).ToArray();
        var handles = utf8.Select(b => GCHandle.Alloc(b, GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = stackalloc byte*[utf8.Length];
            for (var i = 0; i < utf8.Length; i++)
            {
                pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
            }
            nint decoder;
            lock (Setup)
            {
                var config = PocketSphinxNative.ParseArguments(0, PocketSphinxNative.Arguments(), utf8.Length, pointers, 1);
                if (config == 0)
                {
                    throw new AcousticAlignmentException("pocketsphinx refused its configuration");
                }
                decoder = PocketSphinxNative.Init(config);
                PocketSphinxNative.FreeArguments(config);
            }
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

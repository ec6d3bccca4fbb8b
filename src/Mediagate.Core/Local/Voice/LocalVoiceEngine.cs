using System.Buffers;
using System.Collections.Concurrent;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;

namespace Mediagate.Local.Voice;

/// <summary>The local voice: eSpeak NG in-process, with exact word timings from its word events. Needs no key and no network.</summary>
public sealed class LocalVoiceEngine : IVoiceProvider
{
    /// <summary>eSpeak's normal rate in words per minute, which speed 1.0 maps to.</summary>
    public const int NormalWordsPerMinute = 175;

    /// <summary>eSpeak's slowest rate; it plays any slower request at this rate (speed multipliers below about 0.46).</summary>
    public const int MinWordsPerMinute = 80;

    /// <summary>The fastest rate asked of eSpeak: speed 3.0. Above 450 wpm eSpeak speeds up with libsonic.</summary>
    public const int MaxWordsPerMinute = 525;

    /// <summary>eSpeak runs one synthesis at a time; waiting callers wait here, asynchronously, instead of each holding a pool thread on its lock.</summary>
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private readonly LocalEngines _engines;

    /// <summary>Creates the engine over a probe of the installed libraries (the real file system by default).</summary>
    public LocalVoiceEngine(LocalEngines? engines = null) => _engines = engines ?? LocalEngines.System;

    /// <inheritdoc />
    public string Id => "local";

    /// <inheritdoc />
    public string Label => "local (eSpeak NG)";

    /// <inheritdoc />
    public Availability Availability => _engines.ESpeakLibrary is null || !_engines.ESpeakData
        ? Availability.Unavailable(ChainWording.NotInstalled("libespeak-ng1 espeak-ng-data"))
        : Availability.Ready(ChainWording.NoKeyNeeded);

    /// <summary>The installed eSpeak voices.</summary>
    /// <exception cref="VoiceEngineException">eSpeak NG is not installed.</exception>
    public static IReadOnlyList<ESpeakVoice> Voices() => ESpeakEngine.ListVoices();

    /// <summary>The eSpeak rate for a speed multiplier, clamped to what eSpeak can do.</summary>
    public static int WordsPerMinute(double speed) => Math.Clamp((int)Math.Round(NormalWordsPerMinute * speed), MinWordsPerMinute, MaxWordsPerMinute);

    /// <inheritdoc />
    public async Task<SpeechClip> SpeakAsync(SpeechRequest request, CancellationToken cancellationToken, IProgress<double>? progress = null)
    {
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() =>
            {
                var samples = new ArrayBufferWriter<float>(request.SampleRate * 4);
                var result = Render(request, chunk => samples.Write(chunk), cancellationToken, progress);
                return new SpeechClip(samples.WrittenSpan.ToArray(), result);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Speaks <paramref name="request"/>, handing the audio to <paramref name="write"/> piece by piece as it is made (on a pool thread, in order).</summary>
    /// <exception cref="UsageException">The request is invalid, or has nothing speakable.</exception>
    public async Task<SpeechResult> StreamAsync(SpeechRequest request, Action<ReadOnlySpan<float>> write, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Render(request, write, cancellationToken, null), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken)
    {
        var installed = Voices();
        var local = installed
            .OrderBy(v => v.Languages.FirstOrDefault() ?? v.Name, StringComparer.Ordinal)
            .Select(v => new VoiceInfo(v.Languages.FirstOrDefault() ?? v.Name, v.Name, v.Languages.FirstOrDefault(), v.Gender, "eSpeak NG"));
        var kokoro = VoiceCatalog.KokoroExamples.Select(k => new VoiceInfo(k, k, null, null, "Kokoro id → " + VoiceCatalog.Resolve(k, null, installed).DisplayName));
        return Task.FromResult<IReadOnlyList<VoiceInfo>>(local.Concat(kokoro).ToList());
    }

    /// <summary>Synthesises on the calling thread.</summary>
    /// <param name="request">What to say.</param>
    /// <param name="wav">A seekable stream that receives the WAV file.</param>
    /// <param name="cancellationToken">Stops between chunks.</param>
    /// <param name="progress">Receives the fraction of the text done, after each chunk.</param>
    /// <exception cref="UsageException">The request is invalid, or has nothing speakable.</exception>
    /// <exception cref="VoiceEngineException">eSpeak is missing, or the voice is unknown.</exception>
    public SpeechResult Synthesize(SpeechRequest request, Stream wav, CancellationToken cancellationToken, IProgress<double>? progress = null)
    {
        var writer = new WavWriter(wav, request.SampleRate, 1);
        SpeechResult result;
        try
        {
            result = Render(request, writer.Write, cancellationToken, progress);
        }
        catch
        {
            // A cancelled or failed synthesis still leaves a well-formed WAV of what was written; a second disk error is not the one to report.
            try
            {
                writer.Complete();
            }
            catch (IOException)
            {
            }
            throw;
        }
        writer.Complete();
        return result;
    }

    /// <summary>Synthesises on the calling thread, handing each resampled piece to <paramref name="write"/> (on another thread, in order).</summary>
    private SpeechResult Render(SpeechRequest request, Action<ReadOnlySpan<float>> write, CancellationToken cancellationToken, IProgress<double>? progress)
    {
        if (request.Problem() is { } problem)
        {
            throw new UsageException(problem, "see mediagate tts --help");
        }
        var choice = VoiceCatalog.Resolve(request.Voice, request.Language, ESpeakEngine.ListVoices());
        var mapper = new WordTimingMapper(request.Text);
        var nativeRate = ESpeakEngine.SampleRate;
        var wordsPerMinute = WordsPerMinute(request.Speed);
        long totalSamples = 0;
        long written = 0;
        void Write(ReadOnlySpan<float> piece)
        {
            write(piece);
            written += piece.Length;
        }

        // eSpeak runs serially under its lock; resampling and writing run on another thread meanwhile. The queue holds at
        // most two chunks, so memory stays bounded whatever the text's length.
        // If the writing side fails (a full disk), it cancels the synthesis side rather than leave it blocked on a full queue.
        using var chunks = new BlockingCollection<short[]>(boundedCapacity: 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var output = Task.Run(() =>
        {
            try
            {
                Resample(chunks, nativeRate, request.SampleRate, Write);
            }
            catch
            {
                stop.Cancel();
                throw;
            }
        }, CancellationToken.None);
        try
        {
            foreach (var (start, length) in TextChunker.Split(request.Text))
            {
                stop.Token.ThrowIfCancellationRequested();
                var (samples, events) = ESpeakEngine.Synthesize(request.Text.Substring(start, length), choice.ESpeakName, wordsPerMinute, request.Pitch, endPause: true);
                mapper.AddChunk(start, totalSamples, events, samples, nativeRate);
                chunks.Add(samples, stop.Token);
                totalSamples += samples.Length;
                progress?.Report((double)(start + length) / request.Text.Length);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The writing side failed; its exception is the one to report, below.
        }
        catch
        {
            // Synthesis failed: stop the writing side too, and let it finish before the caller disposes the stream.
            stop.Cancel();
            chunks.CompleteAdding();
            try
            {
                output.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // The synthesis failure is the one to report.
            }
            throw;
        }
        finally
        {
            chunks.CompleteAdding();
        }
        output.GetAwaiter().GetResult();
        cancellationToken.ThrowIfCancellationRequested();
        if (mapper.TimedWords == 0)
        {
            throw new UsageException("the text has nothing speakable (only punctuation or symbols eSpeak does not read)", "give text with words in it");
        }
        var duration = (double)written / request.SampleRate;
        var words = mapper.Words(nativeRate, totalSamples)
            .Select(w => w with { Start = Math.Min(w.Start, duration), End = Math.Min(w.End, duration) })
            .ToList();
        return new SpeechResult(Id, choice.DisplayName, choice.Language, request.Speed, request.SampleRate, duration, words);
    }

    private static void Resample(BlockingCollection<short[]> chunks, int inputRate, int outputRate, Action<ReadOnlySpan<float>> write)
    {
        using var resampler = new Resampler(inputRate, outputRate);
        var floats = Array.Empty<float>();
        foreach (var samples in chunks.GetConsumingEnumerable())
        {
            if (floats.Length < samples.Length)
            {
                floats = new float[samples.Length];
            }
            for (var i = 0; i < samples.Length; i++)
            {
                floats[i] = samples[i] / 32768f;
            }
            resampler.Process(floats.AsSpan(0, samples.Length), write);
        }
        resampler.Process([], write);
    }
}

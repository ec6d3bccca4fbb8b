using System.Collections.Concurrent;
using Mediagate.Audio;
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

    /// <inheritdoc />
    public string Id => "local";

    /// <summary>The installed eSpeak voices.</summary>
    /// <exception cref="VoiceEngineException">eSpeak NG is not installed.</exception>
    public static IReadOnlyList<ESpeakVoice> Voices() => ESpeakEngine.ListVoices();

    /// <summary>The eSpeak rate for a speed multiplier, clamped to what eSpeak can do.</summary>
    public static int WordsPerMinute(double speed) => Math.Clamp((int)Math.Round(NormalWordsPerMinute * speed), MinWordsPerMinute, MaxWordsPerMinute);

    /// <inheritdoc />
    public Task<SpeechResult> SynthesizeAsync(SpeechRequest request, Stream wav, CancellationToken cancellationToken, IProgress<double>? progress = null) =>
        Task.Run(() => Synthesize(request, wav, cancellationToken, progress), cancellationToken);

    /// <summary>Synthesises on the calling thread.</summary>
    /// <param name="request">What to say.</param>
    /// <param name="wav">A seekable stream that receives the WAV file.</param>
    /// <param name="cancellationToken">Stops between chunks.</param>
    /// <param name="progress">Receives the fraction of the text done, after each chunk.</param>
    /// <exception cref="ArgumentException">The request is invalid, or has nothing speakable.</exception>
    /// <exception cref="VoiceEngineException">eSpeak is missing, or the voice is unknown.</exception>
    public SpeechResult Synthesize(SpeechRequest request, Stream wav, CancellationToken cancellationToken, IProgress<double>? progress = null)
    {
        if (request.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }
        var choice = VoiceCatalog.Resolve(request.Voice, request.Language, ESpeakEngine.ListVoices());
        var mapper = new WordTimingMapper(request.Text);
        var nativeRate = ESpeakEngine.SampleRate;
        var wordsPerMinute = WordsPerMinute(request.Speed);
        var writer = new WavWriter(wav, request.SampleRate, 1);
        long totalSamples = 0;

        // eSpeak runs serially under its lock; resampling and writing run on another thread meanwhile. The queue holds at
        // most two chunks, so memory stays bounded whatever the text's length.
        // If the writing side fails (a full disk), it cancels the synthesis side rather than leave it blocked on a full queue.
        using var chunks = new BlockingCollection<short[]>(boundedCapacity: 2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var output = Task.Run(() =>
        {
            try
            {
                Resample(chunks, nativeRate, request.SampleRate, writer);
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
            throw new ArgumentException("the text has nothing speakable (only punctuation or symbols eSpeak does not read)", nameof(request));
        }
        var duration = (double)writer.Frames / request.SampleRate;
        var words = mapper.Words(nativeRate, totalSamples)
            .Select(w => w with { Start = Math.Min(w.Start, duration), End = Math.Min(w.End, duration) })
            .ToList();
        return new SpeechResult(Id, choice.DisplayName, choice.Language, request.Speed, request.SampleRate, duration, words);
    }

    private static void Resample(BlockingCollection<short[]> chunks, int inputRate, int outputRate, WavWriter writer)
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
            resampler.Process(floats.AsSpan(0, samples.Length), writer.Write);
        }
        resampler.Process([], writer.Write);
        writer.Complete();
    }
}

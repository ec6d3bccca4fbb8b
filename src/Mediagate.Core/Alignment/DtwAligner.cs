using Mediagate.Audio;
using Mediagate.Capabilities.Voice;
using Mediagate.Captions;
using Mediagate.Local.Voice;

namespace Mediagate.Alignment;

/// <summary>
/// Times the words of a known text as the aeneas aligner does: it synthesises the text with eSpeak (whose word times are
/// exact), compares both signals frame by frame as MFCCs, aligns them by multi-scale DTW, and carries each word's boundaries
/// across the path. Silence before, after and between sentences is kept from pulling boundaries: the alignment runs on the
/// voiced span of each signal, and a boundary that lands in a pause is moved to the pause's edge.
/// </summary>
/// <remarks>The method for languages without an acoustic model, and the fallback when pocketsphinx is not installed.</remarks>
internal sealed class DtwAligner
{
    private const double FrameSeconds = (double)Mfcc.Hop / Mfcc.SampleRate;
    private const double FrameCentre = 0.0125;
    private const int MinPauseFrames = 8;

    /// <summary>
    /// Below this mean distance between the eSpeak rendering and the recording along the warp (12 mean-normalised MFCCs, voiced
    /// frames only), the recording is taken to hold the text although no confidence can be measured. Measured on eSpeak
    /// speech of its own text: 0.03 (the reference voice), 17.1 (11 minutes, en-gb male at 1.1x), 30.7 (en-us female at
    /// 1.3x); on recordings of other words, eSpeak's or flite's: 42.1 to 45.9. Only consulted when the acoustic aligner could
    /// not follow the recording (synthetic speech far from the model's human speakers); flite's voices of their own texts,
    /// which it follows, measure 34 to 41.
    /// </summary>
    public const double SameWordsBelow = 33;

    /// <summary>Aligns 16 kHz mono audio with <paramref name="text"/>.</summary>
    public AlignmentResult Align(float[] audio, string text, CancellationToken cancellationToken) => Align(audio, text, out _, cancellationToken);

    /// <summary>Aligns 16 kHz mono audio with <paramref name="text"/>; <paramref name="distance"/> is the mean feature
    /// distance along the warp (see <see cref="SameWordsBelow"/>).</summary>
    public AlignmentResult Align(float[] audio, string text, out double distance, CancellationToken cancellationToken)
    {
        // The recording's features are made while eSpeak speaks the reference.
        var recording = Task.Run(() => (Features: Mfcc.Compute(audio, out var energy), Energy: energy), cancellationToken);
        var (reference, referenceWords) = Reference(text, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var refFeatures = Mfcc.Compute(reference, out var refEnergy);
        var (audioFeatures, audioEnergy) = recording.GetAwaiter().GetResult();
        var refVoiced = Voiced(refEnergy);
        var audioVoiced = Voiced(audioEnergy);
        var (r0, r1) = Span(refVoiced);
        var (a0, a1) = Span(audioVoiced);
        var d = Mfcc.Coefficients;
        var (referenceSpan, audioSpan) = (refFeatures[(r0 * d)..((r1 + 1) * d)], audioFeatures[(a0 * d)..((a1 + 1) * d)]);
        var (first, last) = Dtw.AlignMultiScale(referenceSpan, audioSpan, d);
        distance = PathDistance(referenceSpan, audioSpan, d, first, last, refVoiced[r0..(r1 + 1)], audioVoiced[a0..(a1 + 1)]);

        var duration = audio.Length / (double)Mfcc.SampleRate;
        var words = new List<Word>(referenceWords.Count);
        var previousEnd = 0.0;
        foreach (var word in referenceWords)
        {
            var startRow = Math.Clamp(ToFrame(word.Start) - r0, 0, first.Length - 1);
            var endRow = Math.Clamp(ToFrame(word.End) - 1 - r0, 0, first.Length - 1);
            var startFrame = SnapForward(audioVoiced, first[startRow] + a0);
            var endFrame = word.End > word.Start ? SnapBackward(audioVoiced, last[endRow] + a0 + 1) : startFrame;
            var start = Math.Clamp(ToSeconds(startFrame), previousEnd, duration);
            var end = Math.Clamp(Math.Max(ToSeconds(endFrame), start), start, duration);
            if (word.End <= word.Start)
            {
                end = start;
            }
            words.Add(word with { Start = Math.Round(start, 3), End = Math.Round(end, 3) });
            previousEnd = end;
        }
        return new AlignmentResult(words, duration) { Method = AlignmentMethod.Dtw };
    }

    /// <summary>The mean Euclidean distance between the voiced rows and the voiced columns the warp pairs them with (silence
    /// matches silence whatever the words, so it would dilute the measure).</summary>
    private static double PathDistance(float[] rows, float[] columns, int dimensions, int[] first, int[] last, bool[] rowVoiced, bool[] columnVoiced)
    {
        double sum = 0;
        long cells = 0;
        for (var r = 0; r < first.Length; r++)
        {
            for (var c = first[r]; c <= last[r]; c++)
            {
                if (!rowVoiced[r] || !columnVoiced[c])
                {
                    continue;
                }
                double squared = 0;
                for (var k = 0; k < dimensions; k++)
                {
                    var difference = rows[r * dimensions + k] - columns[c * dimensions + k];
                    squared += difference * difference;
                }
                sum += Math.Sqrt(squared);
                cells++;
            }
        }
        return cells > 0 ? sum / cells : double.PositiveInfinity;
    }

    /// <summary>Synthesises the reference through a temp file, so a long text never sits in memory twice.</summary>
    private static (float[] Audio, IReadOnlyList<Word> Words) Reference(string text, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mediagate-align-{Environment.ProcessId}-{Guid.NewGuid():N}.wav");
        try
        {
            IReadOnlyList<Word> words;
            using (var wav = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.None))
            {
                words = Speak(text, wav, cancellationToken);
            }
            using var reader = WavReader.Open(path);
            return (reader.ReadAll(), words);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The eSpeak reference; the engine's refusal of the text is the user's to fix, so it becomes a <see cref="UsageException"/>.</summary>
    private static IReadOnlyList<Word> Speak(string text, Stream wav, CancellationToken cancellationToken)
    {
        try
        {
            return new LocalVoiceEngine().Synthesize(new SpeechRequest(text, SampleRate: Mfcc.SampleRate), wav, cancellationToken).Words;
        }
        catch (UsageException ex)
        {
            throw new UsageException(ex.Message, "give the words that are spoken in the recording", ex);
        }
    }

    /// <summary>Speech frames: log energy above a threshold between the noise floor (10th percentile, at most 60 dB below the peak) and the peak.</summary>
    private static bool[] Voiced(float[] logEnergy)
    {
        if (logEnergy.Length == 0)
        {
            return [];
        }
        var sorted = logEnergy.Order().ToArray();
        var peak = sorted[(int)(sorted.Length * 0.99)];
        var floor = Math.Max(sorted[sorted.Length / 10], peak - 6);
        var threshold = floor + 0.3f * (peak - floor);
        return logEnergy.Select(e => e > threshold).ToArray();
    }

    private static (int First, int Last) Span(bool[] voiced)
    {
        var first = Array.IndexOf(voiced, true);
        var last = Array.LastIndexOf(voiced, true);
        return first < 0 ? (0, Math.Max(0, voiced.Length - 1)) : (Math.Max(0, first - 3), Math.Min(voiced.Length - 1, last + 3));
    }

    /// <summary>A start inside a pause of at least 80 ms moves to the pause's end.</summary>
    private static int SnapForward(bool[] voiced, int frame)
    {
        frame = Math.Clamp(frame, 0, voiced.Length - 1);
        if (voiced[frame])
        {
            return frame;
        }
        var (start, end) = Run(voiced, frame);
        return end - start + 1 >= MinPauseFrames && end + 1 < voiced.Length ? end + 1 : frame;
    }

    /// <summary>An end inside a pause of at least 80 ms moves back to the pause's start.</summary>
    private static int SnapBackward(bool[] voiced, int frame)
    {
        var probe = Math.Clamp(frame - 1, 0, voiced.Length - 1);
        if (voiced[probe])
        {
            return frame;
        }
        var (start, end) = Run(voiced, probe);
        return end - start + 1 >= MinPauseFrames && start > 0 ? start : frame;
    }

    private static (int Start, int End) Run(bool[] voiced, int frame)
    {
        int start = frame, end = frame;
        while (start > 0 && !voiced[start - 1])
        {
            start--;
        }
        while (end + 1 < voiced.Length && !voiced[end + 1])
        {
            end++;
        }
        return (start, end);
    }

    private static int ToFrame(double seconds) => (int)Math.Round((seconds - FrameCentre) / FrameSeconds);

    private static double ToSeconds(int frame) => frame * FrameSeconds + FrameCentre;
}

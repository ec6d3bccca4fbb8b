using Mediagate.Audio;
using Mediagate.Captions;
using Mediagate.Local.Voice;

namespace Mediagate.Alignment;

/// <summary>
/// Times the words of a known text in narration that came without timings. With pocketsphinx's US English acoustic model
/// installed it forces that model of human speech onto the words and refines the boundaries on the signal; without it, or for
/// text it cannot read, it falls back to warping an eSpeak rendering onto the audio, and says so in <see cref="AlignmentResult.Warning"/>.
/// </summary>
/// <param name="acousticModelDirectory">Where pocketsphinx's <c>en-us</c> model lives; null for Debian's location.</param>
public sealed class ForcedAligner(string? acousticModelDirectory = null)
{
    /// <summary>Below this overall confidence the recording is taken not to hold the text.</summary>
    public const double MismatchBelow = WordConfidence.MismatchBelow;

    private const int SampleRate = 16000;

    /// <summary>Aligns the WAV or MP3 file at <paramref name="audioPath"/> with <paramref name="text"/>.</summary>
    /// <exception cref="WavFormatException">The file is not audio Mediagate reads.</exception>
    /// <exception cref="UsageException">The text has nothing speakable.</exception>
    public AlignmentResult Align(string audioPath, string text, CancellationToken cancellationToken)
    {
        var audio = Load(audioPath);
        if (audio.Length < SampleRate / 10)
        {
            throw new WavFormatException($"{audioPath} holds less than 0.1 s of audio");
        }
        return Align(audio, text, cancellationToken);
    }

    /// <summary>The WAV or MP3 file at <paramref name="audioPath"/> as the aligner hears it: mono, 16 kHz.</summary>
    /// <exception cref="WavFormatException">The file is not audio Mediagate reads.</exception>
    internal static float[] Load(string audioPath)
    {
        using var source = MonoAudioSource.Open(audioPath);
        return Resampler.Convert(source.Read, source.KnownFrames, source.SampleRate, SampleRate);
    }

    /// <summary>Aligns 16 kHz mono audio with <paramref name="text"/>.</summary>
    /// <exception cref="WavFormatException">The audio is shorter than 0.1 s.</exception>
    public AlignmentResult Align(float[] audio, string text, CancellationToken cancellationToken)
    {
        if (audio.Length < SampleRate / 10)
        {
            throw new WavFormatException("the audio holds less than 0.1 s of sound to align");
        }
        var model = AcousticModel.Find(acousticModelDirectory, out var missing);
        if (model is null)
        {
            return new DtwAligner().Align(audio, text, cancellationToken) with
            {
                Warning = $"{missing}, so the words were timed by the less accurate eSpeak + DTW method; to fix: {AcousticModel.AptFix}",
            };
        }
        var tokens = Tokens(text);
        var levels = BoundaryRefiner.Levels(audio);
        AcousticSegments segments;
        // The coarse timing is made while the grammar is built, and stopped if the acoustic aligner gives up before using it.
        using var coarseStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var dtw = Task.Run(() => Coarse(audio, text, coarseStop.Token), coarseStop.Token);
        async Task<IReadOnlyList<Word>?> CoarseWords() => await dtw is { } d && d.Timing.Words.Count == tokens.Length ? d.Timing.Words : null;
        // A DTW timing already made is the one the fallback judges, rather than a second eSpeak rendering of the same text.
        (AlignmentResult, double)? Made() => dtw.IsCompletedSuccessfully ? dtw.Result : null;
        try
        {
            segments = new PocketSphinxAligner(model).Align(audio, levels, tokens, CoarseWords(), cancellationToken);
        }
        catch (AcousticAlignmentException ex)
        {
            return ByDtw(audio, text, ex.Message, Made(), cancellationToken);
        }
        finally
        {
            coarseStop.Cancel();
        }
        var result = AcousticTimings.ToResult(tokens, segments, levels);
        return TextMissing(result) ? ByDtw(audio, text, $"the acoustic model's confidence was {result.OverallConfidence:0.00}", Made(), cancellationToken, result) : result;
    }

    /// <summary>
    /// The words timed by the eSpeak + DTW method when the acoustic model could not (<paramref name="why"/>): accepted, with
    /// a warning, when eSpeak's rendering matches the recording as closely as a synthetic voice of the same text does (see
    /// <see cref="DtwAligner.SameWordsBelow"/>); otherwise <paramref name="acoustic"/> (or the DTW timing with confidence 0)
    /// stands, and says the recording does not hold the text. <paramref name="made"/> is the DTW timing and distance when
    /// the coarse pass already made them.
    /// </summary>
    private static AlignmentResult ByDtw(float[] audio, string text, string why, (AlignmentResult Timing, double Distance)? made, CancellationToken cancellationToken, AlignmentResult? acoustic = null)
    {
        AlignmentResult timed;
        double distance;
        try
        {
            (timed, distance) = made ?? (new DtwAligner().Align(audio, text, out var measured, cancellationToken), measured);
        }
        catch (VoiceEngineException) when (acoustic is not null)
        {
            return acoustic;
        }
        if (distance < DtwAligner.SameWordsBelow)
        {
            return timed with
            {
                Warning = $"{why}: its model of human speech could not follow this voice, so the words were timed by the eSpeak + DTW " +
                    $"method, whose rendering of the text matches the recording closely (distance {distance:0.0}, below " +
                    $"{DtwAligner.SameWordsBelow:0}); this is how synthetic speech like eSpeak's is aligned",
            };
        }
        return acoustic ?? timed with
        {
            OverallConfidence = 0,
            Warning = $"{why}, so the words were timed by the eSpeak + DTW method; the recording probably does not hold this text " +
                $"(eSpeak's rendering of the text matches it no better than other words would: distance {distance:0.0})",
        };
    }

    /// <summary>For a long recording, the eSpeak + DTW timing (and its distance) that tells the acoustic aligner where it may cut; null for a short one, or when eSpeak cannot read the text.</summary>
    private static (AlignmentResult Timing, double Distance)? Coarse(float[] audio, string text, CancellationToken cancellationToken)
    {
        if (audio.Length < AcousticChunks.MinSeconds * SampleRate)
        {
            return null;
        }
        try
        {
            var timing = new DtwAligner().Align(audio, text, out var distance, cancellationToken);
            return (timing, distance);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The coarse timing only speeds long recordings up: whatever stops it (eSpeak missing, a full temp disk), they are decoded whole.
            return null;
        }
    }

    /// <summary>Whether <paramref name="result"/> says the recording does not hold the text (its overall confidence is below 0.5).</summary>
    public static bool TextMissing(AlignmentResult result) => result.OverallConfidence < WordConfidence.MismatchBelow;

    /// <summary>The text's words as the rest of Mediagate counts them: its whitespace-separated tokens.</summary>
    internal static string[] Tokens(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}

using Mediagate.Alignment;
using Mediagate.Audio;
using Mediagate.Captions;

namespace Mediagate.Local.Kokoro;

/// <summary>Speaks text with one model and one voice: phonemes, chunks, one model call per chunk, and every word's timing, at 24 kHz.</summary>
public sealed class KokoroSynthesizer(KokoroModel model, KokoroPhonemizer phonemizer, ForcedAligner aligner)
{
    private readonly KokoroTokenizer _tokenizer = new(model.Vocabulary ?? KokoroVocabulary.V1);

    /// <summary>The slowest speed Kokoro takes.</summary>
    public const double MinSpeed = 0.5;

    /// <summary>The fastest speed Kokoro takes.</summary>
    public const double MaxSpeed = 2.0;

    /// <summary>Speaks <paramref name="text"/>: 24 kHz mono audio and its words' timings, from the model's durations or, without them, the forced aligner.</summary>
    /// <exception cref="UsageException">The speed is outside 0.5–2.0, or the text has nothing speakable.</exception>
    public (float[] Audio, IReadOnlyList<Word> Words) Speak(string text, KokoroVoiceTable voice, string language, double speed, CancellationToken cancellationToken, IProgress<double>? progress = null)
    {
        if (!(speed >= MinSpeed && speed <= MaxSpeed))
        {
            throw new UsageException($"speed {speed} is out of range for Kokoro; use 0.5 to 2.0 (1.0 is normal)", "give --speed between 0.5 and 2.0, or use --provider local");
        }
        var phonemes = phonemizer.Phonemize(text, language);
        var chunks = _tokenizer.Chunks(phonemes);
        if (!chunks.SelectMany(c => c.Words).Any(w => w >= 0))
        {
            throw new UsageException("the text has nothing speakable (only punctuation or symbols Kokoro does not read)", "give text with words in it");
        }
        var audio = new List<float>(chunks.Sum(c => c.Ids.Length) * 3000);
        var timeline = new KokoroTimeline(phonemes.Words.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = chunks[i];
            var (samples, durations) = model.Run(chunk.WithPads(), voice.StyleFor(chunk.Ids.Length), speed);
            if (durations is not null)
            {
                timeline.AddChunk(chunk, durations, audio.Count, samples.Length);
            }
            audio.AddRange(samples);
            progress?.Report((i + 1.0) / chunks.Count);
        }
        var result = audio.ToArray();
        var duration = (double)result.Length / KokoroModel.SampleRate;
        if (model.HasDurations)
        {
            return (result, timeline.Words(phonemes.Words, duration));
        }
        var aligned = aligner.Align(Resampler.Convert(result, KokoroModel.SampleRate, Mfcc.SampleRate), text, cancellationToken);
        return (result, Renumber(aligned.Words, phonemes.Words, duration));
    }

    /// <summary>The aligner's words onto the text's words (both are its whitespace tokens), each clamped into the audio.</summary>
    private static List<Word> Renumber(IReadOnlyList<Word> aligned, IReadOnlyList<string> words, double duration)
    {
        var result = new List<Word>(words.Count);
        var previousEnd = 0.0;
        for (var i = 0; i < words.Count; i++)
        {
            var start = Math.Clamp(i < aligned.Count ? aligned[i].Start : previousEnd, previousEnd, duration);
            var end = Math.Clamp(i < aligned.Count ? aligned[i].End : start, start, duration);
            result.Add(new Word($"w{i}", words[i], Math.Round(start, 3), Math.Round(end, 3)));
            previousEnd = end;
        }
        return result;
    }
}

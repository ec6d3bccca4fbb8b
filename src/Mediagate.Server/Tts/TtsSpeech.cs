using Mediagate.Providers.HeyGen;

namespace Mediagate.Server.Tts;

/// <summary>The tts/create 200 body (and a tts job's recorded response), as useapi.net's.</summary>
/// <param name="audio_url">The MP3.</param>
/// <param name="duration">Its length in seconds.</param>
/// <param name="is_pass">Always true.</param>
/// <param name="job_id">The gateway's job id (useapi.net sends null).</param>
/// <param name="word_timestamps">When each word is spoken.</param>
#pragma warning disable IDE1006 // The names are the wire names.
internal sealed record TtsSpeech(string audio_url, double duration, bool is_pass, string job_id, IReadOnlyList<WordTimestamp> word_timestamps)
{
    public static TtsSpeech Of(HeyGenSpeech speech, string jobId) => new(
        speech.AudioUrl.ToString(),
        speech.DurationSeconds ?? (speech.Words.Count > 0 ? speech.Words[^1].End : 0),
        true,
        jobId,
        [.. speech.Words.Select(w => new WordTimestamp(w.Text, w.Start, w.End))]);
}

/// <summary>One word of the speech.</summary>
/// <param name="word">The word as written.</param>
/// <param name="start">Seconds from the start.</param>
/// <param name="end">Seconds from the start.</param>
internal sealed record WordTimestamp(string word, double start, double end);
#pragma warning restore IDE1006

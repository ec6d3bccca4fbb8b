using Mediagate.Audio;
using Mediagate.Captions;
using Mediagate.Platform;

namespace Mediagate.Soundtrack;

/// <summary>The output step: every file of a soundtrack, written once, each under a temp name and renamed, and <c>audio_meta.json</c> last.</summary>
internal sealed class SoundtrackOutput(string directory)
{
    /// <summary>Writes one piece of audio at a path relative to the output directory.</summary>
    public void Audio(string relativePath, AudioPiece audio)
    {
        var target = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (audio.CachedFile is { } cached)
        {
            using var file = AtomicFile.Create(target);
            using (var input = File.OpenRead(cached))
            {
                input.CopyTo(file.Stream);
            }
            file.Commit();
        }
        else
        {
            WavWriter.WriteFile(target, audio.Samples, MixSettings.SampleRate, audio.Channels);
        }
    }

    /// <summary>The captions of the whole narration, built line by line so that no caption spans two lines of the script.</summary>
    public void Captions(IReadOnlyList<LineOutcome> lines)
    {
        var words = new List<Word>();
        var cues = new List<Cue>();
        foreach (var line in lines)
        {
            var placed = line.Words.Select((w, i) => new Word($"w{words.Count + i}", w.Text, Math.Round(w.Start + line.OffsetSeconds, 3), Math.Round(w.End + line.OffsetSeconds, 3))).ToList();
            words.AddRange(placed);
            cues.AddRange(CaptionBuilder.Build(placed));
        }
        AtomicFile.WriteAllText(Path.Combine(directory, "words.json"), SubtitleFormats.WordsJson(words));
        AtomicFile.WriteAllText(Path.Combine(directory, "captions.srt"), SubtitleFormats.Srt(cues));
        AtomicFile.WriteAllText(Path.Combine(directory, "captions.vtt"), SubtitleFormats.Vtt(cues));
    }

    /// <summary>The meta, last: a finished <c>audio_meta.json</c> means every file it names is in place.</summary>
    public void Meta(SoundtrackResult result) =>
        AtomicFile.WriteAllText(Path.Combine(directory, "audio_meta.json"), AudioMeta.Build(result).ToJsonString(AudioMeta.JsonOptions) + "\n");
}

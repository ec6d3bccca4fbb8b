using Mediagate.Audio;
using Mediagate.Captions;
using Mediagate.Platform;

namespace Mediagate.Soundtrack;

/// <summary>The output step: every file of a soundtrack, written once, each under a temp name and renamed, and <c>audio_meta.json</c> last.</summary>
internal sealed class SoundtrackOutput(SoundtrackLayout layout)
{
    /// <summary>Writes one piece of audio at a path relative to the output directory.</summary>
    public void Audio(string relativePath, AudioPiece audio)
    {
        var target = layout.Full(relativePath);
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
        var (srt, vtt, wordsFile) = layout.Captions;
        Directory.CreateDirectory(Path.GetDirectoryName(layout.Full(srt))!);
        AtomicFile.WriteAllText(layout.Full(wordsFile), SubtitleFormats.WordsJson(words));
        AtomicFile.WriteAllText(layout.Full(srt), SubtitleFormats.Srt(cues));
        AtomicFile.WriteAllText(layout.Full(vtt), SubtitleFormats.Vtt(cues));
    }

    /// <summary>The meta, last: a finished <c>audio_meta.json</c> means every file it names is in place. In the HyperFrames layout it ends without a newline, as the peer writes it.</summary>
    public void Meta(SoundtrackResult result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(layout.MetaFile)!);
        AtomicFile.WriteAllText(layout.MetaFile, AudioMeta.Build(result).ToJsonString(AudioMeta.JsonOptions) + (layout.HyperFrames ? string.Empty : "\n"));
    }
}

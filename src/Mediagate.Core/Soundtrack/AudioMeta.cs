using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediagate.Capabilities;

namespace Mediagate.Soundtrack;

/// <summary>
/// <c>audio_meta.json</c>: the peer's keys first, in its order and with its meanings (<c>tts_provider, voice_id, bgm, bgm_pending,
/// bgm_provider, bgm_pid, bgm_log, bgm_mode, bgm_target_duration_s, bgm_seed_duration_s, bgm_loop_count, voices, sfx,
/// total_duration_s</c>), then Mediagate's additions under names of their own: for every item the provider that served it and
/// the fallback reasons, each line's <c>offset_s</c> on the timeline, the anomalies, the captions and the mix's measured loudness.
/// </summary>
/// <remarks>
/// The peer's meanings: <c>sfx[].id</c> is the line's id and <c>sfx[].offset_s</c> is from the line's start; <c>bgm_mode</c> is how
/// the track was made (<c>retrieve</c>, or <c>detached-single</c>/<c>-seed-loop</c>/<c>-seed-trim</c> for generated music), null
/// with none; <c>total_duration_s</c> is the sum of the voice lines. The README's table lists where our values differ by design.
/// </remarks>
public static class AudioMeta
{
    /// <summary>How the file is written: indented by 2, with text unescaped.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The peer's music volume under a voice (about −18 dB), used when no mix measured one.</summary>
    public const double PeerVolumeUnderVoice = 0.12;

    /// <summary>The peer's music volume with no voice.</summary>
    public const double PeerVolumeAlone = 0.9;

    /// <summary>The length of one Lyria 3 clip, which longer music loops: the peer's seed.</summary>
    public const double LyriaClipSeconds = 30;

    /// <summary>Builds the document.</summary>
    public static JsonObject Build(SoundtrackResult result)
    {
        var settings = result.Settings;
        var first = result.Lines.FirstOrDefault();
        var music = result.Music;
        var peerMode = music is null ? null : PeerMode(music);
        var volume = result.Mix?.MusicGainDb is { } gain ? Math.Round(Math.Pow(10, gain / 20), 4)
            : result.Lines.Count > 0 ? PeerVolumeUnderVoice : PeerVolumeAlone;
        var generated = music is not null && music.Provider != "heygen";
        var (srt, vtt, words) = result.Layout.Captions;
        return new JsonObject
        {
            ["tts_provider"] = first?.Provider,
            ["voice_id"] = first?.Voice,
            ["bgm"] = music is null ? null : Bgm(result, music, peerMode!, volume),
            ["bgm_pending"] = false,
            ["bgm_provider"] = music?.Provider,
            ["bgm_pid"] = null,
            ["bgm_log"] = null,
            ["bgm_mode"] = peerMode,
            ["bgm_target_duration_s"] = generated ? Math.Round(music!.DurationSeconds, 3) : null,
            ["bgm_seed_duration_s"] = music?.Provider == "lyria" ? LyriaClipSeconds : null,
            ["bgm_loop_count"] = peerMode == "detached-seed-loop" ? music!.Plays : null,
            ["voices"] = Voices(result),
            ["sfx"] = Effects(result),
            // The sum of the lines as listed (3 dp each), as the peer adds its ffprobe durations.
            ["total_duration_s"] = Math.Round(result.Lines.Sum(l => Math.Round(l.DurationSeconds, 3)), 3),
            // Mediagate's own, from here on.
            ["tts_providers"] = Distinct(result.Lines.Select(l => l.Provider)),
            ["bgm_request_mode"] = result.BgmMode.ToString().ToLowerInvariant(),
            ["voice_consistency"] = result.Voice is not { } voice ? null : new JsonObject
            {
                ["provider"] = voice.Provider,
                ["mixed"] = voice.Mixed,
                ["mixed_allowed"] = voice.Allowed,
                ["remade"] = Distinct(voice.Remade),
                ["fell_over"] = Distinct(voice.FellOver),
            },
            ["anomalies"] = Array(result.Anomalies.Select(a => (JsonNode)new JsonObject { ["kind"] = a.Kind, ["item"] = a.Item, ["message"] = a.Message })),
            ["warnings"] = Array(result.Warnings.Select(w => (JsonNode?)JsonValue.Create(w))),
            ["parts"] = Array(SoundtrackJob.AllParts.Where(result.Parts.Contains).Select(p => (JsonNode?)JsonValue.Create(p))),
            ["captions"] = result.Parts.Contains("tts") && result.Lines.Count > 0
                ? new JsonObject { ["srt"] = srt, ["vtt"] = vtt, ["words"] = words }
                : null,
            ["mix"] = result.Mix is not { } mix ? null : new JsonObject
            {
                ["path"] = mix.Path,
                ["target_lufs"] = settings.TargetLufs,
                ["ceiling_dbtp"] = settings.CeilingDbtp,
                ["integrated_lufs"] = Round(mix.Loudness.IntegratedLufs),
                ["true_peak_dbtp"] = Round(mix.Loudness.TruePeakDbtp),
                ["loudness_range_lu"] = Round(mix.Loudness.LoudnessRangeLu),
                ["limited_db"] = Round(mix.LimitedDb),
                ["cached"] = mix.Cached,
                ["sample_rate"] = MixSettings.SampleRate,
                ["channels"] = 2,
            },
            ["timeline_duration_s"] = result.TotalSeconds,
        };
    }

    /// <summary>
    /// The peer's name for how the track was made: <c>retrieve</c> for the library; for generated music, <c>detached-single</c>
    /// when it was made at full length (the local composer), else a Lyria clip looped (<c>detached-seed-loop</c>) or cut
    /// (<c>detached-seed-trim</c>). Ours is never detached: it is ready when the command ends, and <c>bgm_pending</c> is false.
    /// </summary>
    public static string PeerMode(MusicOutcome music) => music.Provider switch
    {
        "heygen" => "retrieve",
        "lyria" => music.Plays > 1 ? "detached-seed-loop" : "detached-seed-trim",
        _ => "detached-single",
    };

    private static JsonObject Bgm(SoundtrackResult result, MusicOutcome music, string peerMode, double volume)
    {
        var settings = result.Settings;
        var retrieved = music.Provider == "heygen";
        var bgm = new JsonObject { ["path"] = music.Path, ["volume"] = volume };
        if (retrieved)
        {
            bgm["query"] = music.Query;
        }
        bgm["mode"] = peerMode;
        bgm["duration_s"] = Math.Round(music.DurationSeconds, 3);
        if (!retrieved)
        {
            bgm["prompt"] = music.Prompt;
        }
        bgm["provider"] = music.Provider;
        bgm["source"] = music.Source;
        bgm["plays"] = music.Plays;
        bgm["cached"] = music.Cached;
        bgm["fallback"] = Fallback(music.Chain);
        bgm["duck"] = new JsonObject
        {
            ["depth_db"] = settings.DuckDepthDb,
            ["attack_ms"] = settings.DuckAttackSeconds * 1000,
            ["release_ms"] = settings.DuckReleaseSeconds * 1000,
            ["hold_ms"] = settings.DuckHoldSeconds * 1000,
            ["bed_lu"] = result.Lines.Count > 0 ? settings.MusicBedLu : settings.MusicAloneLu,
        };
        return bgm;
    }

    private static JsonArray Voices(SoundtrackResult result)
    {
        var voices = new JsonArray();
        foreach (var line in result.Lines)
        {
            var words = Array(line.Words.Select(w => (JsonNode)new JsonObject
            {
                ["id"] = w.Id, ["text"] = w.Text, ["start"] = Math.Round(w.Start, 3), ["end"] = Math.Round(w.End, 3),
            }));
            voices.Add((JsonNode)new JsonObject
            {
                ["id"] = line.Id,
                ["path"] = line.Path,
                ["duration_s"] = Math.Round(line.DurationSeconds, 3),
                ["words"] = words,
                ["offset_s"] = line.OffsetSeconds,
                ["provider"] = line.Provider,
                ["voice"] = line.Voice,
                ["lang"] = line.Language,
                ["cached"] = line.Cached,
                ["fallback"] = Fallback(line.Chain),
            });
        }
        return voices;
    }

    /// <summary>The peer's rows, one per cue: <c>id</c> is the line's id and <c>offset_s</c> is from the line's start.</summary>
    private static JsonArray Effects(SoundtrackResult result)
    {
        var starts = result.Lines.ToDictionary(l => l.Id, l => l.OffsetSeconds, StringComparer.Ordinal);
        var sfx = new JsonArray();
        var index = 0;
        foreach (var cue in result.Effects)
        {
            var lineStart = starts.GetValueOrDefault(cue.Line);
            sfx.Add((JsonNode)new JsonObject
            {
                ["id"] = cue.Line,
                ["name"] = cue.Name,
                ["file"] = cue.Path,
                ["source"] = cue.Provider == "heygen" ? "heygen" : "local",
                ["offset_s"] = Math.Round(Math.Max(0, cue.OffsetSeconds - lineStart), 3),
                ["duration_s"] = cue.DurationSeconds,
                ["volume"] = cue.Volume,
                ["cue"] = $"sfx{index++}",
                ["line"] = cue.Line,
                ["at"] = cue.At,
                ["timeline_offset_s"] = cue.OffsetSeconds,
                ["provider"] = cue.Provider,
                ["matched"] = cue.Matched,
                ["cached"] = cue.Cached,
                ["fallback"] = Fallback(cue.Chain),
            });
        }
        return sfx;
    }

    private static JsonArray Array(IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }
        return array;
    }

    /// <summary>Why providers before the one that served did not: <c>["heygen: failed: …"]</c>; empty when the first choice served or the item was cached.</summary>
    private static JsonArray Fallback(ChainDecision? chain)
    {
        var reasons = new JsonArray();
        foreach (var link in chain?.Links.Where(l => l.State == LinkState.Failed) ?? [])
        {
            reasons.Add((JsonNode?)JsonValue.Create($"{link.Provider}: {link.Reason}"));
        }
        return reasons;
    }

    private static JsonArray Distinct(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values.Distinct())
        {
            array.Add((JsonNode?)JsonValue.Create(value));
        }
        return array;
    }

    private static double? Round(double value) => double.IsFinite(value) ? Math.Round(value, 2) : null;
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediagate.Capabilities;

namespace Mediagate.Soundtrack;

/// <summary>
/// <c>audio_meta.json</c>: the peer's shape (<c>tts_provider, voice_id, bgm, bgm_*, voices, sfx, total_duration_s</c>) with
/// Mediagate's additions: for every item the provider that served it and the fallback reasons, each line's <c>offset_s</c>,
/// the anomalies, the captions and the mix's measured loudness.
/// </summary>
public static class AudioMeta
{
    /// <summary>How the file is written: indented, with text unescaped.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds the document.</summary>
    public static JsonObject Build(SoundtrackResult result)
    {
        var settings = result.Settings;
        var first = result.Lines.FirstOrDefault();
        var musicVolume = result.Mix?.MusicGainDb is { } gain ? Math.Round(Math.Pow(10, gain / 20), 4) : (double?)null;
        var voices = new JsonArray();
        foreach (var line in result.Lines)
        {
            var words = new JsonArray();
            foreach (var word in line.Words)
            {
                words.Add((JsonNode)new JsonObject { ["id"] = word.Id, ["text"] = word.Text, ["start"] = Math.Round(word.Start, 3), ["end"] = Math.Round(word.End, 3) });
            }
            voices.Add((JsonNode)new JsonObject
            {
                ["id"] = line.Id,
                ["path"] = line.Path,
                ["duration_s"] = Math.Round(line.DurationSeconds, 3),
                ["offset_s"] = line.OffsetSeconds,
                ["provider"] = line.Provider,
                ["voice"] = line.Voice,
                ["lang"] = line.Language,
                ["cached"] = line.Cached,
                ["fallback"] = Fallback(line.Chain),
                ["words"] = words,
            });
        }
        var sfx = new JsonArray();
        var index = 0;
        foreach (var cue in result.Effects)
        {
            sfx.Add((JsonNode)new JsonObject
            {
                ["id"] = $"sfx{index++}",
                ["name"] = cue.Name,
                ["file"] = cue.Path,
                ["source"] = cue.Provider == "heygen" ? "heygen" : "local",
                ["provider"] = cue.Provider,
                ["matched"] = cue.Matched,
                ["line"] = cue.Line,
                ["at"] = cue.At,
                ["offset_s"] = cue.OffsetSeconds,
                ["duration_s"] = cue.DurationSeconds,
                ["volume"] = cue.Volume,
                ["cached"] = cue.Cached,
                ["fallback"] = Fallback(cue.Chain),
            });
        }
        var anomalies = new JsonArray();
        foreach (var anomaly in result.Anomalies)
        {
            anomalies.Add((JsonNode)new JsonObject { ["kind"] = anomaly.Kind, ["item"] = anomaly.Item, ["message"] = anomaly.Message });
        }
        var warnings = new JsonArray();
        foreach (var warning in result.Warnings)
        {
            warnings.Add((JsonNode?)JsonValue.Create(warning));
        }
        var parts = new JsonArray();
        foreach (var part in SoundtrackJob.AllParts.Where(result.Parts.Contains))
        {
            parts.Add((JsonNode?)JsonValue.Create(part));
        }
        var music = result.Music;
        var mode = result.BgmMode.ToString().ToLowerInvariant();
        return new JsonObject
        {
            ["tts_provider"] = first?.Provider,
            ["tts_providers"] = Distinct(result.Lines.Select(l => l.Provider)),
            ["voice_id"] = first?.Voice,
            ["bgm"] = music is null ? null : new JsonObject
            {
                ["path"] = music.Path,
                ["volume"] = musicVolume,
                ["mode"] = music.Provider == "heygen" ? "retrieve" : "generate",
                ["query"] = music.Provider == "heygen" ? music.Query : null,
                ["prompt"] = music.Provider == "heygen" ? null : music.Prompt,
                ["duration_s"] = Math.Round(music.DurationSeconds, 3),
                ["provider"] = music.Provider,
                ["source"] = music.Source,
                ["cached"] = music.Cached,
                ["fallback"] = Fallback(music.Chain),
                ["duck"] = new JsonObject
                {
                    ["depth_db"] = settings.DuckDepthDb,
                    ["attack_ms"] = settings.DuckAttackSeconds * 1000,
                    ["release_ms"] = settings.DuckReleaseSeconds * 1000,
                    ["hold_ms"] = settings.DuckHoldSeconds * 1000,
                    ["bed_lu"] = result.Lines.Count > 0 ? settings.MusicBedLu : settings.MusicAloneLu,
                },
            },
            ["bgm_pending"] = false,
            ["bgm_provider"] = music?.Provider,
            ["bgm_mode"] = mode,
            ["bgm_target_duration_s"] = music is null ? null : Math.Round(music.DurationSeconds, 3),
            ["bgm_loop_count"] = music?.Plays,
            ["voices"] = voices,
            ["voice_consistency"] = result.Voice is not { } voice ? null : new JsonObject
            {
                ["provider"] = voice.Provider,
                ["mixed"] = voice.Mixed,
                ["mixed_allowed"] = voice.Allowed,
                ["remade"] = Distinct(voice.Remade),
                ["fell_over"] = Distinct(voice.FellOver),
            },
            ["sfx"] = sfx,
            ["anomalies"] = anomalies,
            ["warnings"] = warnings,
            ["parts"] = parts,
            ["captions"] = result.Parts.Contains("tts") && result.Lines.Count > 0
                ? new JsonObject { ["srt"] = "captions.srt", ["vtt"] = "captions.vtt", ["words"] = "words.json" }
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
            ["total_duration_s"] = result.TotalSeconds,
        };
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

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mediagate.Soundtrack;

/// <summary>Reads one request's JSON into a <see cref="SoundtrackRequest"/>, collecting every problem and warning with its JSON path.</summary>
internal sealed partial class RequestReader
{
    private static readonly HashSet<string> RootFields = ["provider", "lang", "speed", "voice", "gap_s", "lines", "bgm", "allow_mixed_voices", "tts_model", "style"];
    private static readonly HashSet<string> LineFields = ["id", "text", "sfx", "voice", "gap_s", "style"];
    private static readonly HashSet<string> CueFields = ["name", "at", "volume"];
    private static readonly HashSet<string> BgmFields = ["mode", "query", "prompt"];

    /// <summary>The peer's music fields that steer its own generator; Mediagate reads the prompt instead.</summary>
    private static readonly HashSet<string> PeerBgmFields = ["blob", "archetype", "arc"];

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*s\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SecondsText();

    public List<string> Problems { get; } = [];

    public List<string> Warnings { get; } = [];

    public SoundtrackRequest? Root(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Problems.Add($"$: expected an object {{\"lines\": [...], \"bgm\": {{...}}}}, found {Kind(root)}");
            return null;
        }
        WarnUnknown(root, RootFields, string.Empty);
        var provider = String(root, "provider", string.Empty)?.Trim().ToLowerInvariant() ?? "auto";
        if (!RequestParser.Providers.Contains(provider))
        {
            Problems.Add($"provider: unknown provider \"{provider}\"; use one of {string.Join(", ", RequestParser.Providers)}");
        }
        var lang = String(root, "lang", string.Empty);
        if (lang is not null && lang.Trim().Length == 0)
        {
            Problems.Add("lang: empty; give a language code such as en, en-gb or es, or leave the field out");
        }
        var speed = Speed(root);
        var model = String(root, "tts_model", string.Empty)?.Trim();
        if (model is { Length: > 0 } && Providers.Gemini.GeminiTts.ModelProblem(model) is { } modelProblem)
        {
            Problems.Add($"tts_model: {modelProblem}");
        }
        var style = String(root, "style", string.Empty);
        var voice = String(root, "voice", string.Empty);
        var gap = Number(root, "gap_s", string.Empty, 0, 10, "the silence between lines in seconds") ?? SoundtrackRequest.DefaultGapSeconds;
        var lines = Lines(root);
        var bgm = Bgm(root);
        var mixed = false;
        if (root.TryGetProperty("allow_mixed_voices", out var allow) && allow.ValueKind != JsonValueKind.Null)
        {
            if (allow.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                mixed = allow.GetBoolean();
            }
            else
            {
                Problems.Add($"allow_mixed_voices: expected true or false, found {Kind(allow)}");
            }
        }
        return new SoundtrackRequest(provider, string.IsNullOrWhiteSpace(lang) ? null : lang.Trim(), speed,
            string.IsNullOrWhiteSpace(voice) ? null : voice.Trim(), gap, lines, bgm)
        {
            AllowMixedVoices = mixed,
            TtsModel = string.IsNullOrWhiteSpace(model) ? null : model,
            Style = string.IsNullOrWhiteSpace(style) ? null : style.Trim(),
        };
    }

    /// <summary>The peer's speed: more than 0, at most 3; 1 when absent.</summary>
    private double Speed(JsonElement root)
    {
        if (!root.TryGetProperty("speed", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 1.0;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var speed))
        {
            Problems.Add($"speed: expected a number more than 0, at most 3 (1.0 is normal), found {Kind(value)}");
            return 1.0;
        }
        if (RequestParser.SpeedProblem(speed) is { } problem)
        {
            Problems.Add($"speed: {value.GetRawText()} {problem}");
            return 1.0;
        }
        return speed;
    }

    private List<SoundtrackLine> Lines(JsonElement root)
    {
        var lines = new List<SoundtrackLine>();
        if (!root.TryGetProperty("lines", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return lines;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            Problems.Add($"lines: expected an array of {{\"id\", \"text\"}} objects, found {Kind(array)}");
            return lines;
        }
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"lines[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Problems.Add($"{path}: expected an object {{\"id\", \"text\"}}, found {Kind(item)}");
                index++;
                continue;
            }
            WarnUnknown(item, LineFields, path + ".");
            var id = String(item, "id", path + ".")?.Trim();
            if (id is null)
            {
                id = $"line-{index + 1}";
            }
            else if (!SafeId().IsMatch(id))
            {
                Problems.Add($"{path}.id: \"{id}\" cannot name a file; use letters, digits, '.', '-' and '_' (at most 64, not starting with '.' or '-')");
            }
            if (ids.TryGetValue(id, out var first))
            {
                Problems.Add($"{path}.id: \"{id}\" is already the id of lines[{first}]; ids name files, so each must be unique");
            }
            else
            {
                ids[id] = index;
            }
            var text = String(item, "text", path + ".");
            if (text is null)
            {
                if (!item.TryGetProperty("text", out _))
                {
                    Problems.Add($"{path}.text: missing; every line needs the words to say");
                }
            }
            else if (text.Trim().Length == 0)
            {
                Problems.Add($"{path}.text: empty");
            }
            else if (text.Length > 5000)
            {
                Problems.Add($"{path}.text: {text.Length} characters; a line may have at most 5000 (HeyGen's limit), so split it");
            }
            var voice = String(item, "voice", path + ".");
            var gap = Number(item, "gap_s", path + ".", 0, 10, "the silence after this line in seconds");
            var cues = Cues(item, path, text is null ? 0 : RequestParser.CountWords(text));
            var style = String(item, "style", path + ".");
            lines.Add(new SoundtrackLine(id, text?.Trim() ?? string.Empty, string.IsNullOrWhiteSpace(voice) ? null : voice.Trim(), gap, cues)
            {
                Style = string.IsNullOrWhiteSpace(style) ? null : style.Trim(),
            });
            index++;
        }
        return lines;
    }

    /// <summary>
    /// The peer's rule for a music mode: absent or empty is auto; <c>retrieve</c>, <c>generate</c> and <c>none</c> are themselves;
    /// an explicit <c>"auto"</c> is generate, as the peer runs it, with a warning that says so. Any other mode is a problem (the
    /// peer would generate), so that a typo is not quietly turned into generated music.
    /// </summary>
    internal static BgmMode Mode(string? text, string where, List<string> warnings, List<string> problems)
    {
        var mode = text?.Trim().ToLowerInvariant() ?? string.Empty;
        switch (mode)
        {
            case "": return BgmMode.Auto;
            case "retrieve": return BgmMode.Retrieve;
            case "generate": return BgmMode.Generate;
            case "none": return BgmMode.None;
            case "auto":
                warnings.Add($"{where}: \"auto\" means generate, as in HyperFrames (only a missing mode is auto: retrieve with a HeyGen credential, else generate); leave the mode out for auto");
                return BgmMode.Generate;
            default:
                problems.Add($"{where}: unknown mode \"{mode}\"; use retrieve, generate or none, or leave the mode out for auto");
                return BgmMode.Auto;
        }
    }

    private BgmRequest Bgm(JsonElement root)
    {
        if (!root.TryGetProperty("bgm", out var bgm) || bgm.ValueKind == JsonValueKind.Null)
        {
            return new BgmRequest(BgmMode.Auto, SoundtrackRequest.DefaultMusicQuery, null);
        }
        if (bgm.ValueKind != JsonValueKind.Object)
        {
            Problems.Add($"bgm: expected an object {{\"mode\", \"query\", \"prompt\"}}, found {Kind(bgm)}");
            return new BgmRequest(BgmMode.Auto, SoundtrackRequest.DefaultMusicQuery, null);
        }
        foreach (var property in bgm.EnumerateObject())
        {
            if (PeerBgmFields.Contains(property.Name))
            {
                Warnings.Add($"bgm.{property.Name}: ignored; Mediagate generates from bgm.prompt (mood, genre and tempo words)");
            }
            else if (!BgmFields.Contains(property.Name))
            {
                Warnings.Add($"bgm.{property.Name}: unknown field, ignored");
            }
        }
        var mode = Mode(String(bgm, "mode", "bgm."), "bgm.mode", Warnings, Problems);
        var query = String(bgm, "query", "bgm.");
        if (query is not null && query.Trim().Length == 0)
        {
            Problems.Add("bgm.query: empty; give search words such as \"calm cinematic underscore\", or leave the field out");
        }
        var prompt = String(bgm, "prompt", "bgm.");
        return new BgmRequest(mode, string.IsNullOrWhiteSpace(query) ? SoundtrackRequest.DefaultMusicQuery : query.Trim(),
            string.IsNullOrWhiteSpace(prompt) ? null : prompt.Trim());
    }
}

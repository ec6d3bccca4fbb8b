using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mediagate.Soundtrack;

/// <summary>
/// Reads a soundtrack request and checks all of it at once: every problem is reported with its JSON path
/// (<c>lines[3].text: empty</c>), and fields Mediagate does not know are warnings, not failures.
/// </summary>
public static partial class RequestParser
{
    /// <summary>The voice providers a request may name; <c>kokoro</c>, the peer's local voice, is read as <c>local</c>.</summary>
    public static readonly IReadOnlyList<string> Providers = ["auto", "heygen", "elevenlabs", "local"];

    private static readonly HashSet<string> RootFields = ["provider", "lang", "speed", "voice", "gap_s", "lines", "bgm", "allow_mixed_voices"];
    private static readonly HashSet<string> LineFields = ["id", "text", "sfx", "voice", "gap_s"];
    private static readonly HashSet<string> CueFields = ["name", "at", "volume"];
    private static readonly HashSet<string> BgmFields = ["mode", "query", "prompt"];

    /// <summary>The peer's music fields that steer its own generator; Mediagate reads the prompt instead.</summary>
    private static readonly HashSet<string> PeerBgmFields = ["blob", "archetype", "arc"];

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*s\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SecondsText();

    /// <summary>Parses <paramref name="json"/>.</summary>
    /// <returns>The request when there is no problem; every problem and every warning, each prefixed with its JSON path.</returns>
    public static ParsedRequest Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1})" : string.Empty;
            return new ParsedRequest(null, [$"$: not valid JSON{where}"], []);
        }
        using (document)
        {
            var reader = new Reader();
            var request = reader.Root(document.RootElement);
            return new ParsedRequest(reader.Problems.Count == 0 ? request : null, reader.Problems, reader.Warnings);
        }
    }

    /// <summary>How many words a provider will time in <paramref name="text"/>: runs of characters between spaces that hold a letter or digit.</summary>
    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(token => token.Any(char.IsLetterOrDigit));

    private sealed class Reader
    {
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
            if (provider == "kokoro")
            {
                Warnings.Add("provider: kokoro is not available in Mediagate; the local eSpeak NG voice stands in");
                provider = "local";
            }
            else if (!Providers.Contains(provider))
            {
                Problems.Add($"provider: unknown provider \"{provider}\"; use one of {string.Join(", ", Providers)}");
            }
            var lang = String(root, "lang", string.Empty);
            if (lang is not null && lang.Trim().Length == 0)
            {
                Problems.Add("lang: empty; give a language code such as en, en-gb or es, or leave the field out");
            }
            var speed = Number(root, "speed", string.Empty, 0.1, 3.0, "1.0 is normal") ?? 1.0;
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
                string.IsNullOrWhiteSpace(voice) ? null : voice.Trim(), gap, lines, bgm) { AllowMixedVoices = mixed };
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
                var cues = Cues(item, path, text is null ? 0 : CountWords(text));
                lines.Add(new SoundtrackLine(id, text?.Trim() ?? string.Empty, string.IsNullOrWhiteSpace(voice) ? null : voice.Trim(), gap, cues));
                index++;
            }
            return lines;
        }

        private List<SfxCue> Cues(JsonElement line, string linePath, int words)
        {
            var cues = new List<SfxCue>();
            if (!line.TryGetProperty("sfx", out var array) || array.ValueKind == JsonValueKind.Null)
            {
                return cues;
            }
            if (array.ValueKind != JsonValueKind.Array)
            {
                Problems.Add($"{linePath}.sfx: expected an array of names or {{\"name\", \"at\", \"volume\"}} objects, found {Kind(array)}");
                return cues;
            }
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var path = $"{linePath}.sfx[{index++}]";
                if (item.ValueKind == JsonValueKind.String)
                {
                    if (item.GetString()!.Trim().Length == 0)
                    {
                        Problems.Add($"{path}: empty; name a sound such as \"whoosh\"");
                        continue;
                    }
                    cues.Add(new SfxCue(item.GetString()!.Trim(), CueTime.Start, SfxCue.DefaultVolume));
                    continue;
                }
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Problems.Add($"{path}: expected a name or an object {{\"name\", \"at\", \"volume\"}}, found {Kind(item)}");
                    continue;
                }
                WarnUnknown(item, CueFields, path + ".");
                var name = String(item, "name", path + ".");
                if (name is null && !item.TryGetProperty("name", out _))
                {
                    Problems.Add($"{path}.name: missing; name a sound such as \"whoosh\"");
                }
                else if (name is not null && name.Trim().Length == 0)
                {
                    Problems.Add($"{path}.name: empty; name a sound such as \"whoosh\"");
                }
                var at = At(item, path, words);
                var volume = Number(item, "volume", path + ".", 0, 2, "1 is as loud as the narration, 0.35 the default") ?? SfxCue.DefaultVolume;
                if (name is { } n && n.Trim().Length > 0)
                {
                    cues.Add(new SfxCue(n.Trim(), at, volume));
                }
            }
            return cues;
        }

        private CueTime At(JsonElement cue, string path, int words)
        {
            if (!cue.TryGetProperty("at", out var at) || at.ValueKind == JsonValueKind.Null)
            {
                return CueTime.Start;
            }
            const string Forms = "use \"start\", \"end\", a word index such as 3, or seconds such as \"1.5s\"";
            if (at.ValueKind == JsonValueKind.Number)
            {
                if (!at.TryGetInt32(out var word))
                {
                    Problems.Add($"{path}.at: {at.GetRawText()} is not a word index; write seconds as \"{at.GetRawText()}s\"");
                }
                else if (word < 0)
                {
                    Problems.Add($"{path}.at: word index {word} is negative; words count from 0");
                }
                else if (words > 0 && word >= words)
                {
                    Problems.Add($"{path}.at: word index {word} is past the line's last word ({words} words, numbered 0 to {words - 1})");
                }
                else
                {
                    return new CueTime(CueAnchor.Word, word);
                }
                return CueTime.Start;
            }
            if (at.ValueKind == JsonValueKind.String)
            {
                var text = at.GetString()!.Trim().ToLowerInvariant();
                if (text == "start")
                {
                    return CueTime.Start;
                }
                if (text == "end")
                {
                    return new CueTime(CueAnchor.End, 0);
                }
                if (SecondsText().Match(text) is { Success: true } match)
                {
                    return new CueTime(CueAnchor.Seconds, double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                }
                Problems.Add($"{path}.at: \"{at.GetString()}\" is not a position; {Forms}");
                return CueTime.Start;
            }
            Problems.Add($"{path}.at: expected a string or a number, found {Kind(at)}; {Forms}");
            return CueTime.Start;
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
            var modeText = String(bgm, "mode", "bgm.")?.Trim().ToLowerInvariant() ?? "auto";
            BgmMode mode;
            switch (modeText)
            {
                case "auto": mode = BgmMode.Auto; break;
                case "retrieve": mode = BgmMode.Retrieve; break;
                case "generate": mode = BgmMode.Generate; break;
                case "none": mode = BgmMode.None; break;
                default:
                    Problems.Add($"bgm.mode: unknown mode \"{modeText}\"; use auto, retrieve, generate or none");
                    mode = BgmMode.Auto;
                    break;
            }
            var query = String(bgm, "query", "bgm.");
            if (query is not null && query.Trim().Length == 0)
            {
                Problems.Add("bgm.query: empty; give search words such as \"calm cinematic underscore\", or leave the field out");
            }
            var prompt = String(bgm, "prompt", "bgm.");
            return new BgmRequest(mode, string.IsNullOrWhiteSpace(query) ? SoundtrackRequest.DefaultMusicQuery : query.Trim(),
                string.IsNullOrWhiteSpace(prompt) ? null : prompt.Trim());
        }

        private string? String(JsonElement parent, string name, string prefix)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                Problems.Add($"{prefix}{name}: expected a string, found {Kind(value)}");
                return null;
            }
            return value.GetString();
        }

        private double? Number(JsonElement parent, string name, string prefix, double min, double max, string meaning)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
            {
                Problems.Add($"{prefix}{name}: expected a number from {Format(min)} to {Format(max)} ({meaning}), found {Kind(value)}");
                return null;
            }
            if (number < min || number > max)
            {
                Problems.Add($"{prefix}{name}: {value.GetRawText()} is out of range; use {Format(min)} to {Format(max)} ({meaning})");
                return null;
            }
            return number;
        }

        private void WarnUnknown(JsonElement item, HashSet<string> known, string prefix)
        {
            foreach (var property in item.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    Warnings.Add($"{prefix}{property.Name}: unknown field, ignored");
                }
            }
        }

        private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

        private static string Kind(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => $"the string \"{value.GetString()}\"",
            JsonValueKind.Number => $"the number {value.GetRawText()}",
            JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
            _ => "null",
        };
    }
}

/// <summary>The outcome of reading a request.</summary>
/// <param name="Request">The request, or null when there is any problem.</param>
/// <param name="Problems">What is wrong, each as <c>path: message</c>.</param>
/// <param name="Warnings">What was ignored, each as <c>path: message</c>.</param>
public sealed record ParsedRequest(SoundtrackRequest? Request, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings);

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mediagate.Soundtrack;

/// <summary>The sound-effect cues of a line: names, times and volumes.</summary>
internal sealed partial class RequestReader
{
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
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mediagate.Captions;

/// <summary>Writes cues as SubRip (.srt) and WebVTT (.vtt), and words as the peer's transcript JSON.</summary>
public static class SubtitleFormats
{
    /// <summary>SubRip: numbered cues, <c>HH:MM:SS,mmm --> HH:MM:SS,mmm</c>.</summary>
    public static string Srt(IReadOnlyList<Cue> cues)
    {
        var text = new StringBuilder();
        for (var i = 0; i < cues.Count; i++)
        {
            text.Append(i + 1).Append('\n')
                .Append(Time(cues[i].Start, ',')).Append(" --> ").Append(Time(cues[i].End, ',')).Append('\n');
            foreach (var line in cues[i].Lines)
            {
                text.Append(line).Append('\n');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>WebVTT: a <c>WEBVTT</c> header, then <c>HH:MM:SS.mmm --> HH:MM:SS.mmm</c> cues.</summary>
    public static string Vtt(IReadOnlyList<Cue> cues)
    {
        var text = new StringBuilder("WEBVTT\n\n");
        foreach (var cue in cues)
        {
            text.Append(Time(cue.Start, '.')).Append(" --> ").Append(Time(cue.End, '.')).Append('\n');
            foreach (var line in cue.Lines)
            {
                text.Append(line.Replace("-->", "->", StringComparison.Ordinal)).Append('\n');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The peer's transcript shape: <c>[{"id":"w0","text":…,"start":…,"end":…}]</c>, times in seconds.</summary>
    public static string WordsJson(IReadOnlyList<Word> words)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var word in words)
            {
                json.WriteStartObject();
                json.WriteString("id", word.Id);
                json.WriteString("text", word.Text);
                json.WriteNumber("start", Math.Round(word.Start, 3));
                json.WriteNumber("end", Math.Round(word.End, 3));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string Time(double seconds, char separator)
    {
        var ms = (long)Math.Round(Math.Max(0, seconds) * 1000);
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}{separator}{ms % 1000:000}");
    }
}

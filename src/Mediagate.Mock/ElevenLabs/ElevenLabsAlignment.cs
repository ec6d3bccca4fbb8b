using System.Text.Json.Nodes;
using Mediagate.Captions;

namespace Mediagate.Mock.ElevenLabs;

/// <summary>ElevenLabs' per-character <c>alignment</c>, from eSpeak's word timings, whole or cut into the pieces a stream sends.</summary>
internal static class ElevenLabsAlignment
{
    /// <summary>Spreads each word's time over its characters; the spaces between words take the gaps.</summary>
    public static JsonObject Of(string text, IReadOnlyList<Word> words, double duration)
    {
        var characters = new JsonArray();
        var starts = new JsonArray();
        var ends = new JsonArray();
        var tokens = new List<(int Start, int Length)>();
        for (var i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var begin = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            tokens.Add((begin, i - begin));
        }
        (double Start, double End) TimeOf(int token) => tokens.Count == words.Count
            ? (words[token].Start, words[token].End)
            : (duration * token / tokens.Count, duration * (token + 1) / tokens.Count);
        var previousEnd = 0.0;
        var position = 0;
        for (var token = 0; token < tokens.Count; token++)
        {
            var (start, end) = TimeOf(token);
            for (; position < tokens[token].Start; position++)
            {
                Add(text[position].ToString(), previousEnd, Math.Max(previousEnd, start));
            }
            var length = tokens[token].Length;
            for (var c = 0; c < length; c++)
            {
                Add(text[position + c].ToString(), start + (end - start) * c / length, start + (end - start) * (c + 1) / length);
            }
            position += length;
            previousEnd = end;
        }
        return new JsonObject
        {
            ["characters"] = characters,
            ["character_start_times_seconds"] = starts,
            ["character_end_times_seconds"] = ends,
        };

        void Add(string character, double start, double end)
        {
            characters.Add(character);
            starts.Add(Math.Round(start, 3));
            ends.Add(Math.Round(end, 3));
        }
    }

    /// <summary>The characters whose start falls in [<paramref name="from"/>, <paramref name="to"/>), times kept absolute (from the start of the audio).</summary>
    public static JsonObject Slice(JsonObject alignment, double from, double to, bool last)
    {
        var characters = new JsonArray();
        var starts = new JsonArray();
        var ends = new JsonArray();
        var all = alignment["characters"]!.AsArray();
        for (var i = 0; i < all.Count; i++)
        {
            var start = (double)alignment["character_start_times_seconds"]![i]!;
            if (start >= from && (start < to || last))
            {
                characters.Add((string?)all[i]);
                starts.Add(start);
                ends.Add((double)alignment["character_end_times_seconds"]![i]!);
            }
        }
        return new JsonObject
        {
            ["characters"] = characters,
            ["character_start_times_seconds"] = starts,
            ["character_end_times_seconds"] = ends,
        };
    }
}

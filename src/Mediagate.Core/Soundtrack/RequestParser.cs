using System.Text.Json;

namespace Mediagate.Soundtrack;

/// <summary>
/// Reads a soundtrack request and checks all of it at once: every problem is reported with its JSON path
/// (<c>lines[3].text: empty</c>), and fields Mediagate does not know are warnings, not failures.
/// </summary>
public static class RequestParser
{
    /// <summary>The voice providers a request may name: the chain's links, <c>kokoro</c> (the peer's local voice) among them.</summary>
    public static readonly IReadOnlyList<string> Providers = ["auto", "heygen", "elevenlabs", "kokoro", "local", "gemini"];

    /// <summary>
    /// What a request asks that its provider cannot do, once the command line has had its say: Gemini TTS has no speed, and
    /// only Gemini TTS reads <c>tts_model</c> and <c>style</c>.
    /// </summary>
    public static IReadOnlyList<string> Caveats(SoundtrackRequest request)
    {
        var caveats = new List<string>();
        var styled = request.Style is not null || request.Lines.Any(l => l.Style is not null);
        if (request.Provider == "gemini")
        {
            if (request.Speed != 1.0)
            {
                caveats.Add("speed: Gemini TTS has no speed setting, so the lines are spoken at its own pace; ask for the pace in style (\"slowly\", \"briskly\")");
            }
        }
        else if (styled || request.TtsModel is not null)
        {
            caveats.Add($"tts_model and style apply to Gemini TTS only (provider gemini); with provider {request.Provider} they are ignored");
        }
        return caveats;
    }

    /// <summary>Reads a music mode by the peer's rule (a missing mode is auto, an explicit <c>"auto"</c> is generate), adding a warning or problem prefixed with <paramref name="where"/>.</summary>
    public static BgmMode BgmModeOf(string? text, string where, List<string> warnings, List<string> problems) =>
        RequestReader.Mode(text, where, warnings, problems);

    /// <summary>Why <paramref name="speed"/> is outside the peer's range (more than 0, at most 3), or null.</summary>
    public static string? SpeedProblem(double speed) =>
        speed > 0 && speed <= 3 ? null : "is out of range; use more than 0, at most 3 (1.0 is normal)";

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
            var reader = new RequestReader();
            var request = reader.Root(document.RootElement);
            return new ParsedRequest(reader.Problems.Count == 0 ? request : null, reader.Problems, reader.Warnings);
        }
    }

    /// <summary>How many words a provider will time in <paramref name="text"/>: runs of characters between spaces that hold a letter or digit.</summary>
    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(token => token.Any(char.IsLetterOrDigit));
}

/// <summary>The outcome of reading a request.</summary>
/// <param name="Request">The request, or null when there is any problem.</param>
/// <param name="Problems">What is wrong, each as <c>path: message</c>.</param>
/// <param name="Warnings">What was ignored, each as <c>path: message</c>.</param>
public sealed record ParsedRequest(SoundtrackRequest? Request, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings);

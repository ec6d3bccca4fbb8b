using System.Text.Json;

namespace Mediagate.Soundtrack;

/// <summary>
/// Reads a soundtrack request and checks all of it at once: every problem is reported with its JSON path
/// (<c>lines[3].text: empty</c>), and fields Mediagate does not know are warnings, not failures.
/// </summary>
public static class RequestParser
{
    /// <summary>The voice providers a request may name; <c>kokoro</c>, the peer's local voice, is read as <c>local</c>.</summary>
    public static readonly IReadOnlyList<string> Providers = ["auto", "heygen", "elevenlabs", "local"];

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

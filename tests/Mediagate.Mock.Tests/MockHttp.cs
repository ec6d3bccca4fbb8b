using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mediagate.Mock;

namespace Mediagate.Tests.Mock;

/// <summary>One request to a running mock, answered as status, media type and bytes.</summary>
internal static class MockHttp
{
    public static readonly (string, string) HeyGen = ("X-Api-Key", MockOptions.DefaultHeyGenKey);
    public static readonly (string, string) ElevenLabs = ("xi-api-key", MockOptions.DefaultElevenLabsKey);
    public static readonly (string, string) Gemini = ("x-goog-api-key", MockOptions.DefaultGeminiKey);

    public static async Task<Answer> SendAsync(MockServer server, HttpMethod method, string path, string? json = null, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(method, new Uri(server.BaseUrl, path));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync());
    }

    public static Task<Answer> GetAsync(MockServer server, string path, params (string Name, string Value)[] headers) =>
        SendAsync(server, HttpMethod.Get, path, null, headers);

    public static Task<Answer> PostAsync(MockServer server, string path, string json, params (string Name, string Value)[] headers) =>
        SendAsync(server, HttpMethod.Post, path, json, headers);

    internal sealed record Answer(HttpStatusCode Status, string? ContentType, byte[] Bytes)
    {
        public string Text => Encoding.UTF8.GetString(Bytes);

        public JsonNode Json => JsonNode.Parse(Bytes) ?? throw new InvalidOperationException("JSON null");
    }
}

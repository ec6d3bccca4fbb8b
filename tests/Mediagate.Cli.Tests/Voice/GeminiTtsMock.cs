using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Voice;

/// <summary>
/// <c>mediagate mock</c> as Gemini TTS (<c>generateContent</c> on a TTS model with <c>responseModalities: ["AUDIO"]</c>, answered
/// with inline base64 16-bit PCM at 24 kHz), and the generateContent requests it received.
/// </summary>
internal sealed class GeminiTtsMock : IAsyncDisposable
{
    public const string Key = MockOptions.DefaultGeminiKey;

    private readonly MockFixture _mock;

    private GeminiTtsMock(MockFixture mock) => _mock = mock;

    public Uri BaseUrl => _mock.BaseUrl;

    public IReadOnlyList<(string Path, string? KeyHeader, JsonObject Body)> Requests =>
        _mock.State.Requests.Where(r => r.Path.EndsWith(":generateContent", StringComparison.Ordinal))
            .Select(r => (r.Path, r.Headers.TryGetValue("x-goog-api-key", out var key) ? key : null, JsonNode.Parse(r.Body)!.AsObject()))
            .ToList();

    public static async Task<GeminiTtsMock> StartAsync() => new(await MockFixture.StartAsync());

    public ValueTask DisposeAsync() => _mock.DisposeAsync();
}

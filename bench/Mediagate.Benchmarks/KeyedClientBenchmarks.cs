using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Mediagate.Http;
using Mediagate.Mock;
using Mediagate.Providers.ElevenLabs;
using Mediagate.Providers.Gemini;
using Mediagate.Providers.OpenRouter;

namespace Mediagate.Benchmarks;

/// <summary>
/// The key-authenticated clients (ElevenLabs, Gemini, OpenRouter) beside a bare <see cref="HttpClient"/> making the same call
/// against <c>mediagate mock</c> on loopback and reading the same fields, as <see cref="ClientBenchmarks"/> does for HeyGen:
/// the difference is the client's own cost per call.
/// </summary>
[MemoryDiagnoser]
public class KeyedClientBenchmarks
{
    private const string Model = "gemini-2.5-flash";
    private const string Prompt = "Describe the image in one sentence.";

    private MockServer _mock = null!;
    private HttpClient _http = null!;
    private ElevenLabsClient _elevenLabs = null!;
    private GeminiClient _gemini = null!;
    private OpenRouterClient _openRouter = null!;
    private string _text = null!;
    private byte[] _image = null!;

    [GlobalSetup]
    public void Setup()
    {
        _mock = MockServer.StartAsync().GetAwaiter().GetResult();
        _http = new HttpClient();
        _elevenLabs = new ElevenLabsClient(_http, _mock.BaseUrl, MockOptions.DefaultElevenLabsKey, RetryPolicy.Default);
        _gemini = new GeminiClient(_http, _mock.BaseUrl, MockOptions.DefaultGeminiKey, RetryPolicy.Default);
        _openRouter = new OpenRouterClient(_http, _mock.BaseUrl, MockOptions.DefaultOpenRouterKey, RetryPolicy.Default);
        _text = Texts.Words(60);
        _image = Mediagate.Audio.Png.Encode(64, 36, new byte[64 * 36 * 3]);
        // Warm the mock's caches, so every measured call gets the same answer.
        ElevenLabsViaClient().GetAwaiter().GetResult();
        GeminiViaClient().GetAwaiter().GetResult();
        OpenRouterViaClient().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _mock.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task<JsonNode> PostAsync(string path, JsonNode body, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_mock.BaseUrl, path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (header == "Authorization")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
        }
        else
        {
            request.Headers.Add(header, value);
        }
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
    }

    [Benchmark(Baseline = true, Description = "ElevenLabs speech with timestamps (60 words), bare HttpClient")]
    public async Task<int> ElevenLabsBare()
    {
        var body = new JsonObject { ["text"] = _text, ["model_id"] = ElevenLabsClient.DefaultModel, ["voice_settings"] = new JsonObject { ["speed"] = 1.0 } };
        var root = await PostAsync($"v1/text-to-speech/{ElevenLabsClient.DefaultVoiceId}/with-timestamps?output_format={ElevenLabsClient.DefaultFormat}", body, "xi-api-key", MockOptions.DefaultElevenLabsKey);
        var audio = Convert.FromBase64String((string)root["audio_base64"]!);
        return audio.Length + root["alignment"]!["characters"]!.AsArray().Count;
    }

    [Benchmark(Description = "ElevenLabs speech with timestamps (60 words), ElevenLabsClient")]
    public async Task<int> ElevenLabsViaClient()
    {
        var speech = await _elevenLabs.SpeakWithTimestampsAsync(_text, ElevenLabsClient.DefaultVoiceId, 1.0, CancellationToken.None);
        return speech.Audio.Length + speech.Words.Count;
    }

    [Benchmark(Description = "Gemini image description, bare HttpClient")]
    public async Task<int> GeminiBare()
    {
        var body = new JsonObject
        {
            ["contents"] = new JsonArray(new JsonObject
            {
                ["parts"] = new JsonArray(new JsonObject { ["text"] = Prompt },
                    new JsonObject { ["inline_data"] = new JsonObject { ["mime_type"] = "image/png", ["data"] = Convert.ToBase64String(_image) } }),
            }),
            ["generationConfig"] = new JsonObject { ["maxOutputTokens"] = 500 },
        };
        var root = await PostAsync($"v1beta/models/{Model}:generateContent", body, "x-goog-api-key", MockOptions.DefaultGeminiKey);
        return ((string)root["candidates"]![0]!["content"]!["parts"]![0]!["text"]!).Length;
    }

    [Benchmark(Description = "Gemini image description, GeminiClient")]
    public async Task<int> GeminiViaClient() => (await _gemini.DescribeAsync(Model, Prompt, _image, "image/png", CancellationToken.None)).Length;

    [Benchmark(Description = "OpenRouter image description, bare HttpClient")]
    public async Task<int> OpenRouterBare()
    {
        var body = new JsonObject
        {
            ["model"] = OpenRouterClient.DefaultModel,
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = Prompt },
                    new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64," + Convert.ToBase64String(_image) } }),
            }),
        };
        var root = await PostAsync("api/v1/chat/completions", body, "Authorization", MockOptions.DefaultOpenRouterKey);
        return ((string)root["choices"]![0]!["message"]!["content"]!).Length;
    }

    [Benchmark(Description = "OpenRouter image description, OpenRouterClient")]
    public async Task<int> OpenRouterViaClient() =>
        (await _openRouter.DescribeAsync(OpenRouterClient.DefaultModel, Prompt, _image, "image/png", CancellationToken.None)).Length;
}

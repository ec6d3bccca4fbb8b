using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Mediagate.Credentials;
using Mediagate.Http;
using Mediagate.Mock;
using Mediagate.Providers.HeyGen;

namespace Mediagate.Benchmarks;

/// <summary>
/// What the provider client adds per call, against <c>mediagate mock</c> on loopback: each client method is measured beside a
/// baseline that makes the same HTTP calls with a bare <see cref="HttpClient"/> and reads the same fields, so the difference in time and
/// allocations is the client's own overhead (retry pipeline, request building, parsing, error checks) beyond the payload.
/// </summary>
[MemoryDiagnoser]
public class ClientBenchmarks
{
    private static readonly HeyGenCredential Key = new(CredentialSource.Env, CredentialType.ApiKey, MockOptions.DefaultHeyGenKey, "env");

    private MockServer _mock = null!;
    private HttpClient _http = null!;
    private HeyGenClient _client = null!;
    private string _text = null!;
    private Uri _speechUrl = null!;
    private Uri _soundsUrl = null!;
    private int _audioBytes;

    [GlobalSetup]
    public void Setup()
    {
        _mock = MockServer.StartAsync().GetAwaiter().GetResult();
        _http = new HttpClient();
        _client = new HeyGenClient(_http, _mock.BaseUrl, RetryPolicy.Default);
        _speechUrl = new Uri(_mock.BaseUrl, "/v3/voices/speech");
        _soundsUrl = new Uri(_mock.BaseUrl, "/v3/audio/sounds?query=whoosh&type=sound_effects&limit=3&min_score=0.4");
        // About 2 minutes of speech: a 1 MB MP3 at the mock's 64 kbit/s. The mock caches it, so every call serves the same bytes.
        _text = Texts.Words(330);
        var speech = _client.SpeakAsync(Key, _text, HeyGenClient.DefaultVoiceId, 1.0, null, CancellationToken.None).GetAwaiter().GetResult();
        _audioBytes = _client.DownloadAsync(speech.AudioUrl, CancellationToken.None).GetAwaiter().GetResult().Count;
        _client.SearchSoundsAsync(Key, SoundSearch.ForEffect("whoosh"), CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"// audio payload: {_audioBytes / 1024.0 / 1024.0:0.00} MiB");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _mock.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Bytes allocated per call for each step on its own (process-wide, so the in-process mock's share is in both sides).</summary>
    public static async Task PrintAllocationsAsync()
    {
        var bench = new ClientBenchmarks();
        bench.Setup();
        var speech = await bench._client.SpeakAsync(Key, bench._text, HeyGenClient.DefaultVoiceId, 1.0, null, CancellationToken.None);
        async Task Measure(string name, Func<Task> step)
        {
            for (var i = 0; i < 20; i++)
            {
                await step();
            }
            var before = GC.GetTotalAllocatedBytes(true);
            for (var i = 0; i < 100; i++)
            {
                await step();
            }
            Console.WriteLine($"{name,-40} {(GC.GetTotalAllocatedBytes(true) - before) / 100 / 1024.0,8:0.0} KiB per call");
        }
        await Measure("speech call, bare", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, bench._speechUrl)
            {
                Content = new StringContent($$"""{"text":{{JsonValue.Create(bench._text).ToJsonString()}},"voice_id":"{{HeyGenClient.DefaultVoiceId}}","speed":1.0}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Api-Key", MockOptions.DefaultHeyGenKey);
            using var response = await bench._http.SendAsync(request);
            ReadWords(JsonNode.Parse(await response.Content.ReadAsStreamAsync())!);
        });
        await Measure("speech call, client", () => bench._client.SpeakAsync(Key, bench._text, HeyGenClient.DefaultVoiceId, 1.0, null, CancellationToken.None));
        await Measure("download, bare", () => bench._http.GetByteArrayAsync(speech.AudioUrl));
        await Measure("download, client", () => bench._client.DownloadAsync(speech.AudioUrl, CancellationToken.None));
        bench.Cleanup();
    }

    [Benchmark(Baseline = true, Description = "speech + 1 MB download, bare HttpClient")]
    public async Task<int> SpeechBare()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _speechUrl)
        {
            Content = new StringContent($$"""{"text":{{JsonValue.Create(_text).ToJsonString()}},"voice_id":"{{HeyGenClient.DefaultVoiceId}}","speed":1.0}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", MockOptions.DefaultHeyGenKey);
        using var response = await _http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
        var words = ReadWords(body);
        var audio = await _http.GetByteArrayAsync((string)body["data"]!["audio_url"]!);
        return audio.Length + words.Count;
    }

    /// <summary>The least a caller must do with a speech answer: read each word and its times (with the same JSON parser).</summary>
    private static List<(string Word, double Start, double End)> ReadWords(JsonNode body)
    {
        var words = new List<(string, double, double)>();
        foreach (var item in body["data"]!["word_timestamps"]!.AsArray())
        {
            words.Add(((string)item!["word"]!, (double)item["start"]!, (double)item["end"]!));
        }
        return words;
    }

    [Benchmark(Description = "speech + 1 MB download, HeyGenClient")]
    public async Task<int> SpeechClient()
    {
        var speech = await _client.SpeakAsync(Key, _text, HeyGenClient.DefaultVoiceId, 1.0, null, CancellationToken.None);
        var audio = await _client.DownloadAsync(speech.AudioUrl, CancellationToken.None);
        return audio.Count + speech.Words.Count;
    }

    [Benchmark(Description = "sound search, bare HttpClient")]
    public async Task<int> SoundsBare()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _soundsUrl);
        request.Headers.Add("X-Api-Key", MockOptions.DefaultHeyGenKey);
        using var response = await _http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
        return body["data"]!.AsArray().Count;
    }

    [Benchmark(Description = "sound search, HeyGenClient")]
    public async Task<int> SoundsClient() =>
        (await _client.SearchSoundsAsync(Key, SoundSearch.ForEffect("whoosh"), CancellationToken.None)).Count;
}

using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Voice;

/// <summary>Gemini TTS through the voice chain: only when named, with word timings from the forced aligner.</summary>
public sealed class GeminiTtsCommandTests : IDisposable
{
    private const string Text = "Meet Relay, the calm workspace for busy teams.";

    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private static CliOptions Local => new() { Engines = LocalEngines.System };

    private void PointAt(GeminiTtsMock mock, string key = GeminiTtsMock.Key)
    {
        _home.Variables["GEMINI_API_URL"] = mock.BaseUrl.ToString();
        _home.Variables["GEMINI_API_KEY"] = key;
        _home.Variables["MEDIAGATE_HTTP_RETRIES"] = "0";
    }

    [Fact]
    public async Task TtsWithProviderGeminiSpeaksThroughGenerateContentAndTimesEveryWordWithTheAligner()
    {
        await using var mock = await GeminiTtsMock.StartAsync();
        PointAt(mock);
        var output = Path.Combine(_home.Root, "speech.wav");

        var run = await CliRunner.RunAsync(_home.Environment, Local, "tts", Text, "--provider", "gemini", "--style", "warm and unhurried", "-o", output, "--json");

        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("gemini", (string?)json["chain"]!["provider"]);
        var (path, key, body) = Assert.Single(mock.Requests);
        Assert.Equal("/v1beta/models/gemini-3.8-flash-tts:generateContent", path);
        Assert.Equal(GeminiTtsMock.Key, key);
        Assert.Equal(["AUDIO"], body["generationConfig"]!["responseModalities"]!.AsArray().Select(m => (string?)m));
        Assert.Equal("Kore", (string?)body["generationConfig"]!["speechConfig"]!["voiceConfig"]!["prebuiltVoiceConfig"]!["voiceName"]);
        Assert.Equal($"Read the following text with this delivery: warm and unhurried\n\n{Text}", (string?)body["contents"]![0]!["parts"]![0]!["text"]);

        using var wav = WavReader.Open(output);
        var words = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(output, ".words.json")))!.AsArray();
        // Every word of the text, not the style: Gemini returns no timings, so the aligner placed them on the audio.
        Assert.Equal(["Meet", "Relay,", "the", "calm", "workspace", "for", "busy", "teams."], words.Select(w => (string?)w!["text"]));
        var previous = 0.0;
        foreach (var word in words)
        {
            var start = (double)word!["start"]!;
            var end = (double)word["end"]!;
            Assert.True(start >= previous - 1e-9 && end >= start, $"{word}");
            previous = end;
        }
        Assert.InRange(previous, wav.Duration * 0.6, wav.Duration);
        Assert.True((double)words[0]!["start"]! < 0.5);
    }

    [Fact]
    public async Task AutoNeverReachesGeminiItIsNotInTheChainsExplanation()
    {
        await using var mock = await GeminiTtsMock.StartAsync();
        PointAt(mock);

        var run = await CliRunner.RunAsync(_home.Environment, Local, "tts", "Ship it.", "-o", Path.Combine(_home.Root, "x.wav"), "--json");

        Assert.Equal(0, run.ExitCode);
        var chain = JsonNode.Parse(run.Out)!["chain"]!;
        Assert.Equal("local", (string?)chain["provider"]);
        Assert.DoesNotContain(chain["candidates"]!.AsArray(), c => (string?)c!["provider"] == "gemini");
        Assert.Empty(mock.Requests);
    }

    [Fact]
    public async Task GooglesApiKeyInvalidStopsTheRunAsARejectedKeyNamingWhereItCameFrom()
    {
        await using var mock = await GeminiTtsMock.StartAsync();
        PointAt(mock, key: "wrong-key");
        var output = Path.Combine(_home.Root, "speech.wav");

        var run = await CliRunner.RunAsync(_home.Environment, Local, "tts", "Ship it.", "--provider", "gemini", "-o", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: Gemini TTS rejected the credential from GEMINI_API_KEY", run.Error);
        Assert.Contains("fix: replace GEMINI_API_KEY with a valid key, or unset it to skip this provider", run.Error);
        Assert.DoesNotContain("wrong-key", run.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task GeminiNamedWithoutAKeyIsRefusedBeforeAnyWork()
    {
        var run = await CliRunner.RunAsync(_home.Environment, Local, "tts", "Ship it.", "--provider", "gemini", "-o", Path.Combine(_home.Root, "x.wav"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: Gemini TTS cannot be used: no key: set GEMINI_API_KEY or GOOGLE_API_KEY", run.Error);
    }

    [Fact]
    public async Task GoogleApiKeyIsTheSecondSourceOfTheKey()
    {
        await using var mock = await GeminiTtsMock.StartAsync();
        PointAt(mock);
        _home.Variables.Remove("GEMINI_API_KEY");
        _home.Variables["GOOGLE_API_KEY"] = GeminiTtsMock.Key;

        var run = await CliRunner.RunAsync(_home.Environment, Local, "tts", "Ship it.", "--provider", "gemini", "-o", Path.Combine(_home.Root, "x.wav"), "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(JsonNode.Parse(run.Out)!["chain"]!["candidates"]!.AsArray(), c => (string?)c!["reason"] == "key from GOOGLE_API_KEY");
    }
}

using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Tests.Cli.Voice;
using Mediagate.Mock;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Soundtrack;

/// <summary><c>mediagate audio</c> called as HyperFrames calls its <c>audio.mjs</c>: the peer's flags, layout and meta.</summary>
public sealed class HyperFramesFormTests : IDisposable
{
    private const string Request = """
        {"lang": "en", "speed": 1,
         "lines": [{"id": "hook", "text": "Every team has the same problem.", "sfx": ["whoosh"]},
                   {"id": "reveal", "text": "Meet Relay.", "sfx": ["pop", "chime"]}],
         "bgm": {"query": "calm corporate"}}
        """;

    /// <summary>The peer's keys, in the order its audio-meta.mjs writes them.</summary>
    private static readonly string[] PeerKeys =
    [
        "tts_provider", "voice_id", "bgm", "bgm_pending", "bgm_provider", "bgm_pid", "bgm_log", "bgm_mode",
        "bgm_target_duration_s", "bgm_seed_duration_s", "bgm_loop_count", "voices", "sfx", "total_duration_s",
    ];

    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private static CliOptions Local => new() { Engines = LocalEngines.System };

    private string Project(string request = Request)
    {
        var project = Path.Combine(_home.Root, "my-video");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "audio_request.json"), request);
        return project;
    }

    [Fact]
    public async Task TheProjectsEnvFileIsReadFromTheHyperFramesDirectoryAsThePeerReadsIt()
    {
        await using var mock = await MockFixture.StartAsync();
        var project = Path.Combine(mock.Home.Root, "site", "my-video");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "audio_request.json"), """{"lines": [{"id": "a", "text": "Keyed by the project."}], "bgm": {"mode": "none"}}""");
        // One directory above the project, as a monorepo keeps it; the peer walks up to four parents.
        File.WriteAllText(Path.Combine(mock.Home.Root, "site", ".env"), $"HEYGEN_API_KEY={MockOptions.DefaultHeyGenKey}\n");

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Engines = LocalEngines.System },
            "audio", "--hyperframes", project, "--only", "tts", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(project, "audio_meta.json")))!;
        Assert.Equal("heygen", (string?)meta["tts_provider"]);
        Assert.Contains(mock.State.Requests, r => r.Path == "/v3/voices/speech");
    }

    [Fact]
    public async Task ThePeersCommandLineWritesThePeersLayoutUnderTheProjectAndItsMetaFieldForField()
    {
        var project = Project();
        var meta = Path.Combine(project, "audio_meta.json");

        var run = await CliRunner.RunAsync(_home.Environment, Local, "audio", "--request", Path.Combine(project, "audio_request.json"),
            "--hyperframes", project, "--out", meta, "--bgm-mode", "generate", "--seed-seconds", "20", "--sfx-lib", "/nowhere", "--tts-model", "gemini-2.5-flash-preview-tts");

        Assert.True(run.ExitCode == 0, run.Error);
        // Options Mediagate cannot honour are said, not swallowed.
        Assert.Contains("warning: --seed-seconds: not used; it sets the length of the peer's MusicGen seed", run.Error);
        Assert.Contains("warning: --sfx-lib: not used;", run.Error);
        Assert.Contains("warning: tts_model and style apply to Gemini TTS only (provider gemini); with provider auto they are ignored", run.Error);

        var text = File.ReadAllText(meta);
        Assert.False(text.EndsWith('\n'), "the peer writes the meta without a trailing newline");
        Assert.StartsWith("{\n  \"tts_provider\"", text);
        var doc = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(PeerKeys, doc.Select(p => p.Key).Take(PeerKeys.Length));

        Assert.Equal("local", (string?)doc["tts_provider"]);
        var voices = doc["voices"]!.AsArray();
        Assert.Equal(["assets/voice/hook.wav", "assets/voice/reveal.wav"], voices.Select(v => (string?)v!["path"]));
        Assert.Equal(["id", "path", "duration_s", "words"], voices[0]!.AsObject().Select(p => p.Key).Take(4));
        Assert.All(voices, v => Assert.True(File.Exists(Path.Combine(project, (string)v!["path"]!))));
        Assert.Equal("w0", (string?)voices[1]!["words"]![0]!["id"]);
        Assert.Equal(Math.Round(voices.Sum(v => (double)v!["duration_s"]!), 3), (double)doc["total_duration_s"]!, 3);

        var bgm = doc["bgm"]!;
        Assert.Equal("assets/bgm/track.wav", (string?)bgm["path"]);
        Assert.True(File.Exists(Path.Combine(project, "assets", "bgm", "track.wav")));
        Assert.Equal("detached-single", (string?)bgm["mode"]);
        Assert.Equal("detached-single", (string?)doc["bgm_mode"]);
        Assert.Equal("local", (string?)doc["bgm_provider"]);
        Assert.False((bool)doc["bgm_pending"]!);
        Assert.Null(doc["bgm_pid"]);
        Assert.Null(doc["bgm_log"]);
        Assert.Equal("generate", (string?)doc["bgm_request_mode"]);
        Assert.InRange((double)bgm["volume"]!, 0.001, 2);

        var sfx = doc["sfx"]!.AsArray();
        Assert.Equal(["hook", "reveal", "reveal"], sfx.Select(s => (string?)s!["id"]));
        Assert.Equal(["whoosh", "pop", "chime"], sfx.Select(s => (string?)s!["name"]));
        Assert.All(sfx, s =>
        {
            Assert.StartsWith("assets/sfx/", (string?)s!["file"]);
            Assert.True(File.Exists(Path.Combine(project, (string)s["file"]!)));
            Assert.Equal("local", (string?)s["source"]);
            Assert.Equal(0, (double)s["offset_s"]!);
            Assert.Equal(0.35, (double)s["volume"]!);
        });
        Assert.Equal(["sfx0", "sfx1", "sfx2"], sfx.Select(s => (string?)s!["cue"]));

        // Mediagate's extras sit apart from the peer's files.
        Assert.Equal("assets/mediagate/mix.wav", (string?)doc["mix"]!["path"]);
        Assert.True(File.Exists(Path.Combine(project, "assets", "mediagate", "mix.wav")));
        Assert.Equal("assets/mediagate/captions.srt", (string?)doc["captions"]!["srt"]);
        Assert.False(Directory.Exists(Path.Combine(project, "voice")));
    }

    [Fact]
    public async Task HyperFramesAloneReadsAudioRequestJsonAndWritesAudioMetaJsonInTheProject()
    {
        var project = Project("""{"lines": [{"id": "a", "text": "Hello there."}], "bgm": {"mode": "none"}}""");

        var run = await CliRunner.RunAsync(_home.Environment, Local, "audio", "--hyperframes", project, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(Path.Combine(project, "audio_meta.json"), (string?)JsonNode.Parse(run.Out)!["meta"]);
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(project, "audio_meta.json")))!;
        Assert.Null(doc["bgm"]);
        Assert.Null(doc["bgm_mode"]);
        using var wav = WavReader.Open(Path.Combine(project, "assets", "voice", "a.wav"));
        Assert.Equal((double)doc["voices"]![0]!["duration_s"]!, wav.Duration, 0.005);
    }

    [Fact]
    public async Task TheMediagateFormStillWritesEverythingInTheOutputDirectoryAndOutStaysItsAlias()
    {
        var project = Project("""{"lines": [{"id": "a", "text": "Hello there."}], "bgm": {"mode": "none"}}""");
        var output = Path.Combine(_home.Root, "out");

        var run = await CliRunner.RunAsync(_home.Environment, Local, "audio", Path.Combine(project, "audio_request.json"), "--out", output, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(output, "voice", "a.wav")));
        Assert.True(File.Exists(Path.Combine(output, "mix.wav")));
        Assert.Equal("voice/a.wav", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(output, "audio_meta.json")))!["voices"]![0]!["path"]);
        Assert.False(Directory.Exists(Path.Combine(project, "assets")));
    }

    [Theory]
    [InlineData("-o")]
    [InlineData("request")]
    public async Task MixingTheTwoFormsIsAUsageErrorThatSaysWhich(string extra)
    {
        var project = Project();
        var args = extra == "-o"
            ? new[] { "audio", "--hyperframes", project, "-o", Path.Combine(_home.Root, "out") }
            : ["audio", Path.Combine(project, "audio_request.json"), "--request", Path.Combine(project, "audio_request.json")];

        var run = await CliRunner.RunAsync(_home.Environment, Local, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(extra == "-o" ? "-o/--output: the HyperFrames form" : "request: given twice", run.Error);
    }

    [Fact]
    public async Task BgmModeAutoOnTheCommandLineIsGenerateAsThePeerRunsIt()
    {
        var project = Project("""{"lines": [{"id": "a", "text": "Hello there."}]}""");

        var run = await CliRunner.RunAsync(_home.Environment, Local, "audio", "--hyperframes", project, "--bgm-mode", "auto", "--only", "bgm");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("warning: --bgm-mode: \"auto\" means generate, as in HyperFrames", run.Error);
        Assert.Equal("generate", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(project, "audio_meta.json")))!["bgm_request_mode"]);
    }

    [Fact]
    public async Task AGeminiRequestIsSpokenByGeminiTtsWithWordTimingsFromTheAligner()
    {
        await using var standIn = await GeminiTtsMock.StartAsync();
        _home.Variables["GEMINI_API_URL"] = standIn.BaseUrl.ToString();
        _home.Variables["GEMINI_API_KEY"] = GeminiTtsMock.Key;
        var project = Project("""
            {"provider": "gemini", "style": "bright", "tts_model": "gemini-2.5-flash-preview-tts",
             "lines": [{"id": "a", "text": "Meet Relay, your calm workspace."}, {"id": "b", "text": "Plans and docs together.", "style": "slow"}],
             "bgm": {"mode": "none"}}
            """);

        var run = await CliRunner.RunAsync(_home.Environment, Local, "audio", "--hyperframes", project, "--only", "tts");

        Assert.True(run.ExitCode == 0, run.Error);
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(project, "audio_meta.json")))!;
        Assert.Equal("gemini", (string?)doc["tts_provider"]);
        Assert.Equal("Kore", (string?)doc["voice_id"]);
        var voices = doc["voices"]!.AsArray();
        Assert.Equal([5, 4], voices.Select(v => v!["words"]!.AsArray().Count));
        Assert.Equal(["Meet", "Relay,", "your", "calm", "workspace."], voices[0]!["words"]!.AsArray().Select(w => (string?)w!["text"]));
        Assert.All(voices, v => Assert.InRange((double)v!["words"]!.AsArray().Last()!["end"]!, 0.3, (double)v["duration_s"]!));
        Assert.All(standIn.Requests, r => Assert.Equal("/v1beta/models/gemini-2.5-flash-preview-tts:generateContent", r.Path));
        Assert.Contains(standIn.Requests, r => ((string?)r.Body["contents"]![0]!["parts"]![0]!["text"])!.StartsWith("Read the following text with this delivery: slow\n\n", StringComparison.Ordinal));
    }
}

using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Soundtrack;

/// <summary><c>mediagate audio</c> end to end: offline on the local engines, and through the cloud chains against the mock.</summary>
public sealed class AudioCommandTests : IDisposable
{
    private const string Request = """
        {
          "lines": [
            {"id": "one", "text": "Meet Relay, your calm workspace.", "sfx": [{"name": "whoosh", "at": "start"}, {"name": "pop", "at": 2, "volume": 0.5}]},
            {"id": "two", "text": "Plans and docs in one place.", "sfx": [{"name": "chime", "at": "end"}]}
          ],
          "gap_s": 0.5,
          "bgm": {"query": "upbeat corporate", "prompt": "calm corporate"}
        }
        """;

    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private static CliOptions Local => new() { Engines = LocalEngines.System };

    private string Write(string name, string text)
    {
        var path = Path.Combine(_home.Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonNode Meta(string output) => JsonNode.Parse(File.ReadAllText(Path.Combine(output, "audio_meta.json")))!;

    [Fact]
    public async Task OfflineItWritesEveryFileWithTheLinesOnOneTimelineAndAMixAtTheTarget()
    {
        var output = Path.Combine(_home.Root, "out");

        var run = await CliRunner.RunAsync(_home.Environment, Local, "audio", Write("request.json", Request), "-o", output, "--json");

        Assert.Equal(0, run.ExitCode);
        var stdout = JsonNode.Parse(run.Out)!;
        Assert.True((bool)stdout["ok"]!);
        var meta = Meta(output);
        Assert.Equal(meta.ToJsonString(), stdout["audio_meta"]!.ToJsonString());
        Assert.Equal("local", (string?)meta["tts_provider"]);

        var voices = meta["voices"]!.AsArray();
        Assert.Equal(["one", "two"], voices.Select(v => (string?)v!["id"]));
        Assert.Equal(0, (double)voices[0]!["offset_s"]!);
        Assert.Equal(Math.Round((double)voices[0]!["duration_s"]! + 0.5, 3), (double)voices[1]!["offset_s"]!, 0.005);
        foreach (var voice in voices)
        {
            var path = Path.Combine(output, (string)voice!["path"]!);
            using var wav = WavReader.Open(path);
            Assert.Equal(48000, wav.SampleRate);
            Assert.Equal((double)voice["duration_s"]!, wav.Duration, 0.005);
            Assert.Equal("local", (string?)voice["provider"]);
            Assert.False((bool)voice["cached"]!);
        }

        // words.json: every word of both lines, placed on the timeline, numbered across the whole soundtrack.
        var words = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "words.json")))!.AsArray();
        Assert.Equal(11, words.Count);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"w{i}"), words.Select(w => (string?)w!["id"]));
        Assert.Equal("Plans", (string?)words[5]!["text"]);
        Assert.True((double)words[5]!["start"]! >= (double)voices[1]!["offset_s"]!);
        Assert.Contains("Meet Relay", File.ReadAllText(Path.Combine(output, "captions.srt")));
        Assert.StartsWith("WEBVTT", File.ReadAllText(Path.Combine(output, "captions.vtt")));

        // Effects: "pop" at word 2 of line one, "chime" at the end of line two's last word.
        var sfx = meta["sfx"]!.AsArray();
        Assert.Equal(["whoosh", "pop", "chime"], sfx.Select(s => (string?)s!["name"]));
        // As the peer's: the row's id is the line's, and offset_s counts from the line's start; the timeline's own is timeline_offset_s.
        Assert.Equal(["one", "one", "two"], sfx.Select(s => (string?)s!["id"]));
        Assert.Equal((double)voices[0]!["words"]![2]!["start"]!, (double)sfx[1]!["offset_s"]!, 0.0005);
        Assert.Equal((double)voices[1]!["words"]!.AsArray().Last()!["end"]!, (double)sfx[2]!["offset_s"]!, 0.005);
        Assert.Equal((double)voices[1]!["offset_s"]! + (double)voices[1]!["words"]!.AsArray().Last()!["end"]!, (double)sfx[2]!["timeline_offset_s"]!, 0.005);
        Assert.All(sfx, s => Assert.True(File.Exists(Path.Combine(output, (string)s!["file"]!))));

        // Music: generated locally (no credential), as long as the voice timeline, ducked under the voice.
        var bgm = meta["bgm"]!;
        Assert.Equal("local", (string?)bgm["provider"]);
        // A missing mode is auto; generated music is the peer's detached-single (made at full length), ready when the command ends.
        Assert.Equal("detached-single", (string?)meta["bgm_mode"]);
        Assert.Equal("auto", (string?)meta["bgm_request_mode"]);
        Assert.False((bool)meta["bgm_pending"]!);
        var timeline = (double)voices[1]!["offset_s"]! + (double)voices[1]!["duration_s"]!;
        using (var track = WavReader.Open(Path.Combine(output, "bgm", "track.wav")))
        {
            Assert.Equal(timeline, track.Duration, 1);
        }
        Assert.Equal(8, (double)bgm["duck"]!["depth_db"]!);

        // The mix: measured again from the file, within 0.5 LU of -16 LUFS, true peak at most -1 dBTP, no clipping.
        using (var mix = WavReader.Open(Path.Combine(output, "mix.wav")))
        {
            var samples = new float[mix.Frames * 2];
            mix.ReadInterleaved(samples);
            var loudness = LoudnessMeter.Measure(samples, 48000, 2);
            Assert.InRange(loudness.IntegratedLufs, -16.5, -15.5);
            Assert.True(loudness.TruePeakDbtp <= -1.0, $"true peak {loudness.TruePeakDbtp}");
            Assert.True(samples.Max(Math.Abs) < 0.99f);
            Assert.Equal((double)meta["timeline_duration_s"]!, mix.Duration, 0.005);
        }
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(meta["anomalies"]!.AsArray());
    }

    [Fact]
    public async Task ARerunReusesEveryUnchangedPieceAndRemakesOnlyTheLineThatChanged()
    {
        var output = Path.Combine(_home.Root, "out");
        var request = Write("request.json", Request);
        Assert.Equal(0, (await CliRunner.RunAsync(_home.Environment, Local, "audio", request, "-o", output, "--json")).ExitCode);
        var first = File.ReadAllBytes(Path.Combine(output, "mix.wav"));

        var again = await CliRunner.RunAsync(_home.Environment, Local, "audio", request, "-o", output, "--json");

        Assert.Equal(0, again.ExitCode);
        var meta = Meta(output);
        Assert.All(meta["voices"]!.AsArray(), v => Assert.True((bool)v!["cached"]!));
        Assert.True((bool)meta["bgm"]!["cached"]!);
        Assert.True((bool)meta["mix"]!["cached"]!);
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(output, "mix.wav")));

        var changed = Write("changed.json", Request.Replace("Plans and docs in one place.", "Plans, docs and chat in one place."));
        var third = await CliRunner.RunAsync(_home.Environment, Local, "audio", changed, "-o", output, "--json");

        Assert.Equal(0, third.ExitCode);
        meta = Meta(output);
        Assert.True((bool)meta["voices"]![0]!["cached"]!);
        Assert.False((bool)meta["voices"]![1]!["cached"]!);
        // The timeline got longer, so the music and the mix are made again.
        Assert.False((bool)meta["bgm"]!["cached"]!);
        Assert.False((bool)meta["mix"]!["cached"]!);
        Assert.Equal(7, meta["voices"]![1]!["words"]!.AsArray().Count);
    }

    private static async Task<(CliRun Run, System.Text.Json.Nodes.JsonNode Meta, MockFixture Mock)> RunWithHeyGenRunningOutAfterOneLine(bool allowMixed, bool byFlag = false)
    {
        var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = MockOptions.DefaultHeyGenKey;
        mock.Home.Variables["ELEVENLABS_API_KEY"] = MockOptions.DefaultElevenLabsKey;
        mock.Home.Variables["MEDIAGATE_TTS_CONCURRENCY"] = "1";
        mock.Home.Variables["MEDIAGATE_HTTP_RETRIES"] = "0";
        // HeyGen speaks the first line, then runs out of credits.
        mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Status, 402, Times: null, After: 1));
        var output = Path.Combine(mock.Home.Root, "out");
        var request = Path.Combine(mock.Home.Root, "request.json");
        File.WriteAllText(request, Request.Replace("\"gap_s\": 0.5,", $"\"gap_s\": 0.5, \"lines_extra\": 1, \"allow_mixed_voices\": {(allowMixed && !byFlag ? "true" : "false")},").Replace(
            "\"sfx\": [{\"name\": \"chime\", \"at\": \"end\"}]}",
            "\"sfx\": [{\"name\": \"chime\", \"at\": \"end\"}]}, {\"id\": \"three\", \"text\": \"Start free today.\"}"));

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Time = new InstantTimeProvider(), Engines = LocalEngines.System },
            byFlag ? ["audio", request, "-o", output, "--json", "--allow-mixed-voices"] : ["audio", request, "-o", output, "--json"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: " + request + ": lines_extra: unknown field, ignored", run.Error);
        return (run, Meta(output), mock);
    }

    [Fact]
    public async Task WhenTheVoiceFallsOverMidRunTheLinesItSpokeAreSpokenAgainSoTheSoundtrackHasOneVoice()
    {
        var (run, meta, mock) = await RunWithHeyGenRunningOutAfterOneLine(allowMixed: false);
        await using var _ = mock;

        var voices = meta["voices"]!.AsArray();
        Assert.Equal(["elevenlabs", "elevenlabs", "elevenlabs"], voices.Select(v => (string?)v!["provider"]));
        Assert.Equal(["elevenlabs"], meta["tts_providers"]!.AsArray().Select(p => (string?)p));
        var consistency = meta["voice_consistency"]!;
        Assert.Equal("elevenlabs", (string?)consistency["provider"]);
        Assert.False((bool)consistency["mixed"]!);
        Assert.Equal(["one"], consistency["remade"]!.AsArray().Select(p => (string?)p));
        Assert.StartsWith("heygen: HeyGen: out of credits / plan upgrade required (402)", (string?)consistency["fell_over"]![0]);
        Assert.Contains(meta["warnings"]!.AsArray(), w => ((string?)w)!.Contains("line one was spoken again by elevenlabs, so that every line has one voice"));
        // HeyGen was asked twice (line 1, then line 2 which ran out) and never again once it had fallen over.
        Assert.Equal(2, mock.State.Requests.Count(r => r.Path == "/v3/voices/speech"));
        // Music and effects come from HeyGen's library when a HeyGen credential is present.
        Assert.Equal("heygen", (string?)meta["bgm"]!["provider"]);
        Assert.Equal("retrieve", (string?)meta["bgm"]!["mode"]);
        Assert.All(meta["sfx"]!.AsArray(), s => Assert.Equal("heygen", (string?)s!["provider"]));
        Assert.InRange((double)meta["mix"]!["integrated_lufs"]!, -16.5, -15.5);
        Assert.Contains(mock.State.Requests, r => r.Path == "/v3/audio/sounds" && r.Query.Contains("type=music"));
        Assert.DoesNotContain(MockOptions.DefaultHeyGenKey, run.Out + run.Error + meta.ToJsonString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithMixedVoicesAllowedEachLineKeepsWhoeverSpokeItAndTheMetaSaysWhy(bool byFlag)
    {
        var (_, meta, mock) = await RunWithHeyGenRunningOutAfterOneLine(allowMixed: true, byFlag);
        await using var _ = mock;

        var voices = meta["voices"]!.AsArray();
        Assert.Equal(["heygen", "elevenlabs", "elevenlabs"], voices.Select(v => (string?)v!["provider"]));
        Assert.Empty(voices[0]!["fallback"]!.AsArray());
        Assert.StartsWith("heygen: failed: HeyGen: out of credits / plan upgrade required (402)", (string?)voices[1]!["fallback"]![0]);
        Assert.Equal(["heygen", "elevenlabs"], meta["tts_providers"]!.AsArray().Select(p => (string?)p));
        Assert.True((bool)meta["voice_consistency"]!["mixed"]!);
        Assert.True((bool)meta["voice_consistency"]!["mixed_allowed"]!);
        Assert.Empty(meta["voice_consistency"]!["remade"]!.AsArray());
    }

    [Fact]
    public async Task AnEffectsLibraryThatFallsOverIsSkippedForTheRestOfTheRunAndSaidOnce()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = MockOptions.DefaultHeyGenKey;
        mock.Home.Variables["MEDIAGATE_HTTP_RETRIES"] = "0";
        mock.State.AddFault(new FaultRule("/v3/audio/sounds", FaultKind.Status, 503, Times: null));
        var output = Path.Combine(mock.Home.Root, "out");
        var request = Path.Combine(mock.Home.Root, "request.json");
        File.WriteAllText(request, """
            {"bgm": {"mode": "none"}, "lines": [
              {"id": "a", "text": "One.", "sfx": ["whoosh", "chime", "pop", "click", "ping", "sparkle"]}]}
            """);

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Time = new InstantTimeProvider(), Engines = LocalEngines.System },
            "audio", request, "-o", output, "--json", "--only", "sfx");

        Assert.Equal(0, run.ExitCode);
        var meta = Meta(output);
        Assert.All(meta["sfx"]!.AsArray(), s => Assert.Equal("local", (string?)s!["provider"]));
        var warnings = meta["warnings"]!.AsArray().Select(w => (string?)w).ToList();
        Assert.Single(warnings, w => w!.StartsWith("sfx: heygen failed: HeyGen answered HTTP 503", StringComparison.Ordinal));
        // Four fetches run at once, so up to four asked HeyGen before it was known to be down; the other two never did.
        Assert.InRange(mock.State.Requests.Count(r => r.Path == "/v3/audio/sounds"), 1, EffectsConcurrency);
    }

    private const int EffectsConcurrency = 4;

    [Fact]
    public async Task WhenAVoiceLineFailsTheEffectsStillBeingFetchedAreCancelledNotDownloaded()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = MockOptions.DefaultHeyGenKey;
        mock.Home.Variables["MEDIAGATE_HTTP_RETRIES"] = "0";
        // The line fails only after a while, so the effect search has begun; the search is slower still, so it is under way.
        mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Status, 402, Times: null, DelayMs: 700));
        mock.State.AddFault(new FaultRule("/v3/audio/sounds", FaultKind.Latency, Times: null, DelayMs: 2000));
        var output = Path.Combine(mock.Home.Root, "out");
        var request = Path.Combine(mock.Home.Root, "request.json");
        File.WriteAllText(request, """{"bgm": {"mode": "none"}, "lines": [{"id": "a", "text": "One.", "sfx": ["whoosh"]}]}""");

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Time = new InstantTimeProvider(), Engines = LocalEngines.System },
            "audio", request, "-o", output, "--provider", "heygen");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("out of credits", run.Error);
        Assert.Contains(mock.State.Requests, r => r.Path == "/v3/audio/sounds");
        // Had the effect been awaited rather than cancelled, its download would follow the search.
        await Task.Delay(2500);
        Assert.DoesNotContain(mock.State.Requests, r => r.Path.StartsWith("/files/", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(output, "sfx")));
    }

    [Fact]
    public async Task LinesAreSpokenInParallelUpToTheConcurrencyLimit()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = MockOptions.DefaultHeyGenKey;
        mock.Home.Variables["MEDIAGATE_TTS_CONCURRENCY"] = "2";
        // Slow speech, so that calls overlap whenever the job lets them.
        mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: null, DelayMs: 300));
        var output = Path.Combine(mock.Home.Root, "out");
        var request = Path.Combine(mock.Home.Root, "request.json");
        File.WriteAllText(request, """{"lines": [{"text": "One."}, {"text": "Two."}, {"text": "Three."}, {"text": "Four."}, {"text": "Five."}]}""");

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Engines = LocalEngines.System },
            "audio", request, "-o", output, "--only", "tts", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, mock.State.Requests.Count(r => r.Path == "/v3/voices/speech"));
        Assert.Equal(2, mock.State.MaxInFlight[MockOptions.DefaultHeyGenKey]);
        Assert.Equal(["line-1", "line-2", "line-3", "line-4", "line-5"], Meta(output)["voices"]!.AsArray().Select(v => (string?)v!["id"]));
    }

    [Fact]
    public async Task WhenNoProviderCanSpeakALineTheRunFailsAndWritesNoMeta()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = MockOptions.DefaultHeyGenKey;
        mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Status, 401, Times: null));
        var output = Path.Combine(mock.Home.Root, "out");
        var request = Path.Combine(mock.Home.Root, "request.json");
        File.WriteAllText(request, Request);

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Engines = LocalEngines.System },
            "audio", request, "-o", output, "--provider", "heygen");

        Assert.Equal(1, run.ExitCode);
        Assert.True(run.Error.Contains("error: HeyGen rejected the credential from env (HEYGEN_API_KEY): HeyGen rejected the key (401)"), run.Error);
        Assert.Contains("fix: replace HEYGEN_API_KEY with a valid key, or unset it to use the signed-in account (`mediagate auth login`)", run.Error);
        Assert.False(File.Exists(Path.Combine(output, "audio_meta.json")));
        Assert.False(File.Exists(Path.Combine(output, "mix.wav")));
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task CancellingStopsCleanlyWithNothingHalfWritten()
    {
        var output = Path.Combine(_home.Root, "out");
        var request = Write("request.json", Request.Replace("Plans and docs in one place.", string.Join(" ", Enumerable.Repeat("Plans and docs in one place.", 12))));
        using var cancel = new CancellationTokenSource();
        // Ctrl-C arrives on its own thread (a timer would wait for a free thread-pool thread, which this busy job may not leave),
        // once the job is under way: a voice line is in the cache, and the music (over 20 s of it) is still to come.
        var soundtrackCache = Path.Combine(_home.Root, ".cache", "mediagate", "soundtrack");
        var ctrlC = new Thread(() =>
        {
            for (var i = 0; i < 6000 && !(Directory.Exists(soundtrackCache) && Directory.EnumerateFiles(soundtrackCache, "*.json", SearchOption.AllDirectories).Any()); i++)
            {
                Thread.Sleep(5);
            }
            cancel.Cancel();
        });
        ctrlC.Start();

        var run = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = LocalEngines.System, Cancel = cancel.Token }, "audio", request, "-o", output);
        ctrlC.Join();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: cancelled; the files already finished were kept, and nothing half-written was left", run.Error);
        Assert.False(File.Exists(Path.Combine(output, "audio_meta.json")));
        Assert.False(File.Exists(Path.Combine(output, "mix.wav")));
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
        // A cancel that lands before the first cache write leaves no cache directory at all, which is also clean.
        var cache = Path.Combine(_home.Root, ".cache");
        Assert.Empty(Directory.Exists(cache) ? Directory.GetFiles(cache, "*.tmp", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task RetrieveWithoutACredentialSkipsTheMusicWithAWarningAndAnUnknownEffectIsAnAnomaly()
    {
        var output = Path.Combine(_home.Root, "out");
        var request = Write("request.json", """
            {"lines": [{"id": "a", "text": "Quick test.", "sfx": ["pop", "zzqx-unknown-noise"]}], "bgm": {"mode": "retrieve"}}
            """);

        var run = await CliRunner.RunAsync(_home.Environment, Local, "audio", request, "-o", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning: bgm mode retrieve needs a HeyGen credential", run.Error);
        Assert.Contains("! sfx:zzqx-unknown-noise: no sound found for \"zzqx-unknown-noise\"", run.Error);
        var meta = Meta(output);
        Assert.Null(meta["bgm"]);
        Assert.Null(meta["bgm_mode"]);
        Assert.Equal("retrieve", (string?)meta["bgm_request_mode"]);
        Assert.False(Directory.Exists(Path.Combine(output, "bgm")));
        Assert.Equal(["pop"], meta["sfx"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.Equal(["bgm_skipped", "sfx_not_found"], meta["anomalies"]!.AsArray().Select(a => (string?)a!["kind"]).Order());
        Assert.True(File.Exists(Path.Combine(output, "mix.wav")));
    }

    [Fact]
    public async Task OnlyAndNoBgmLimitWhatIsMade()
    {
        var output = Path.Combine(_home.Root, "out");
        var request = Write("request.json", Request);

        var run = await CliRunner.RunAsync(_home.Environment, Local, "audio", request, "-o", output, "--only", "tts", "--json");

        Assert.Equal(0, run.ExitCode);
        var meta = Meta(output);
        Assert.Equal(["tts"], meta["parts"]!.AsArray().Select(p => (string?)p));
        Assert.Null(meta["bgm"]);
        Assert.Empty(meta["sfx"]!.AsArray());
        Assert.False(Directory.Exists(Path.Combine(output, "sfx")));
        Assert.True(File.Exists(Path.Combine(output, "voice", "one.wav")));

        var second = Path.Combine(_home.Root, "out2");
        run = await CliRunner.RunAsync(_home.Environment, Local, "audio", request, "-o", second, "--no-bgm", "--json");

        Assert.Equal(0, run.ExitCode);
        meta = Meta(second);
        Assert.Null(meta["bgm"]);
        Assert.Null(meta["bgm_mode"]);
        Assert.Equal("none", (string?)meta["bgm_request_mode"]);
        Assert.Equal(3, meta["sfx"]!.AsArray().Count);
    }

    [Fact]
    public async Task AnInvalidRequestListsEveryProblemExitsTwoAndWritesNothing()
    {
        var output = Path.Combine(_home.Root, "out");
        var request = Write("bad.json", """{"speed": 5, "lines": [{"id": "a", "text": ""}, {"id": "b", "text": "Hi.", "sfx": [{"name": "pop", "at": 1.5}]}]}""");

        var run = await CliRunner.RunAsync(_home.Environment, Local, "audio", request, "-o", output, "--only", "tts,drums", "--loudness", "-70");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: {request} has 5 problems:", run.Error);
        Assert.Contains("  speed: 5 is out of range; use more than 0, at most 3 (1.0 is normal)", run.Error);
        Assert.Contains("  lines[0].text: empty", run.Error);
        Assert.Contains("  lines[1].sfx[0].at: 1.5 is not a word index; write seconds as \"1.5s\"", run.Error);
        Assert.Contains("  --only: unknown part \"drums\"; use a comma-separated list of tts, bgm and sfx", run.Error);
        Assert.Contains("  --loudness: loudness -70 LUFS is out of range; use -40 to -5", run.Error);
        Assert.False(Directory.Exists(output));

        var json = await CliRunner.RunAsync(_home.Environment, Local, "audio", request, "-o", output, "--json");
        Assert.Equal(2, json.ExitCode);
        var answer = JsonNode.Parse(json.Out)!;
        Assert.False((bool)answer["ok"]!);
        Assert.Equal(3, answer["problems"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("{\"lines\": [", "$: not valid JSON (line 1, column 12)")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\"}]}", null)]
    public async Task AMissingOrBrokenRequestFileIsReportedClearly(string text, string? problem)
    {
        var output = Path.Combine(_home.Root, "out");
        if (problem is null)
        {
            var missing = await CliRunner.RunAsync(_home.Environment, Local, "audio", Path.Combine(_home.Root, "nope.json"), "-o", output);
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("error: cannot read the request", missing.Error);
            var badConcurrency = new TempHome();
            badConcurrency.Variables["MEDIAGATE_TTS_CONCURRENCY"] = "lots";
            var bad = await CliRunner.RunAsync(badConcurrency.Environment, Local, "audio", Write("ok.json", text), "-o", output);
            badConcurrency.Dispose();
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("MEDIAGATE_TTS_CONCURRENCY: \"lots\" is not a whole number from 1 to 64", bad.Error);
            return;
        }
        var run = await CliRunner.RunAsync(_home.Environment, Local, "audio", Write("broken.json", text), "-o", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(problem, run.Error);
    }
}

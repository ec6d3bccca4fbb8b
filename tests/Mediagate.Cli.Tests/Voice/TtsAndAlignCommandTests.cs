using System.Text.Json.Nodes;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Voice;

public sealed class TtsAndAlignCommandTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private string PathIn(string name) => Path.Combine(_home.Root, name);

    /// <summary>A file of the flite alignment subset (speech eSpeak did not make, with flite's own timings as truth), from the source tree.</summary>
    private static string AlignFixture(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Mediagate.Core.Tests", "Fixtures", "align", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"no alignment fixture {file} above {AppContext.BaseDirectory}");
    }

    private static JsonArray AlignTruth(string name) => JsonNode.Parse(File.ReadAllText(AlignFixture(name + ".truth.json")))!["words"]!.AsArray();

    [Fact]
    public async Task TtsWritesTheAudioTheWordsAndCaptionsAndReportsJson()
    {
        var run = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = LocalEnginesOnDisk() },
            "tts", "Hello there, world. This is Mediagate.", "-o", PathIn("hello.wav"), "--srt", PathIn("hello.srt"), "--vtt", PathIn("hello.vtt"), "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.True((bool)json["ok"]!);
        Assert.Equal("local", (string?)json["provider"]);
        Assert.Equal("en-us", (string?)json["voice"]);
        Assert.Equal("en-us", (string?)json["lang"]);
        Assert.Equal(1.0, (double)json["speed"]!);
        Assert.Equal(PathIn("hello.wav"), (string?)json["outputPath"]);
        Assert.Equal(PathIn("hello.words.json"), (string?)json["wordsPath"]);
        Assert.Equal("local", (string?)json["chain"]!["provider"]);
        Assert.Equal(6, JsonNode.Parse(File.ReadAllText(PathIn("hello.words.json")))!.AsArray().Count);
        Assert.StartsWith("1\n00:00:00,000 --> ", File.ReadAllText(PathIn("hello.srt")));
        Assert.StartsWith("WEBVTT\n\n00:00:00.000 --> ", File.ReadAllText(PathIn("hello.vtt")));
        Assert.Equal(["hello.srt", "hello.vtt", "hello.wav", "hello.words.json"], Directory.GetFiles(_home.Root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task LongTextShowsProgressOnATerminalButNeverInJsonMode()
    {
        var text = string.Concat(Enumerable.Repeat("A long chapter keeps the narrator busy for quite a while. ", 100));

        var terminal = await CliRunner.RunAsync(_home.Environment, new CliOptions { OutputIsTerminal = true, Engines = LocalEnginesOnDisk() },
            "tts", text, "-s", "3", "-o", PathIn("long.wav"));
        var json = await CliRunner.RunAsync(_home.Environment, new CliOptions { OutputIsTerminal = true, Engines = LocalEnginesOnDisk() },
            "tts", text, "-s", "3", "-o", PathIn("long2.wav"), "--json");

        Assert.Equal(0, terminal.ExitCode);
        Assert.Contains("\rSpeaking… 100%", terminal.Error);
        Assert.Equal("", json.Error);
        Assert.True((bool)JsonNode.Parse(json.Out)!["ok"]!);
    }

    [Fact]
    public async Task TtsReadsTextFromAFile()
    {
        File.WriteAllText(PathIn("script.txt"), "Read from a file.");

        var run = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = LocalEnginesOnDisk() }, "tts", PathIn("script.txt"), "-o", PathIn("f.wav"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(4 words)", run.Out);
    }

    [Theory]
    [InlineData(new[] { "tts", "-o", "{dir}/speech.wav" }, 2, "error: no text given")]
    [InlineData(new[] { "tts", "hi there", "-v", "af_hart", "-o", "{dir}/speech.wav" }, 2, "did you mean af_heart")]
    [InlineData(new[] { "tts", "hi there", "-s", "9", "-o", "{dir}/speech.wav" }, 2, "speed 9 is out of range; use more than 0, at most 3.0")]
    [InlineData(new[] { "tts", "… —", "-o", "{dir}/speech.wav" }, 2, "nothing speakable")]
    [InlineData(new[] { "tts", "hi there", "--provider", "heygen", "-o", "{dir}/speech.wav" }, 1, "HeyGen cannot be used: no key: set HEYGEN_API_KEY")]
    [InlineData(new[] { "tts", "hi there", "--provider", "nope", "-o", "{dir}/speech.wav" }, 2, "nope")]
    [InlineData(new[] { "align", "{dir}/missing.wav", "--text-string", "hi" }, 1, "there is no file")]
    [InlineData(new[] { "align", "{dir}/x.wav" }, 2, "exactly one of --text FILE or --text-string")]
    public async Task BadInputGetsAClearErrorAndTheRightExitCode(string[] args, int exitCode, string message)
    {
        var run = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = LocalEnginesOnDisk() },
            args.Select(a => a.Replace("{dir}", _home.Root, StringComparison.Ordinal)).ToArray());

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.False(File.Exists(PathIn("speech.wav")));
        Assert.Empty(Directory.GetFiles(_home.Root, "*.tmp"));
    }

    [Fact]
    public async Task AnUnwritableOutputFailsBeforeAnythingIsSynthesised()
    {
        var run = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = LocalEnginesOnDisk() }, "tts", "hello", "-o", PathIn("no/such/dir/x.wav"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the directory", run.Error);
        Assert.Contains("does not exist", run.Error);
    }

    [Fact]
    public async Task AlignTimesTheWordsOfARecordingAndWritesCaptions()
    {
        var truth = AlignTruth("f01-slt-base");
        var text = File.ReadAllText(AlignFixture("f01-slt-base.txt"));

        var run = await CliRunner.RunAsync(_home.Environment, "align", AlignFixture("f01-slt-base.wav"), "--text-string", text,
            "-o", PathIn("aligned.json"), "--vtt", PathIn("aligned.vtt"), "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(truth.Count, (int)JsonNode.Parse(run.Out)!["words"]!);
        var aligned = JsonNode.Parse(File.ReadAllText(PathIn("aligned.json")))!.AsArray();
        for (var i = 0; i < truth.Count; i++)
        {
            Assert.InRange((double)aligned[i]!["start"]! - (double)truth[i]!["start"]!, -0.08, 0.08);
        }
        Assert.StartsWith("WEBVTT", File.ReadAllText(PathIn("aligned.vtt")));
    }

    [Fact]
    public async Task AlignReportsTheMethodAndAConfidenceForEveryWord()
    {
        var text = File.ReadAllText(AlignFixture("f06-slt-noise20.txt"));

        var run = await CliRunner.RunAsync(_home.Environment, "align", AlignFixture("f06-slt-noise20.wav"), "--text-string", text, "-o", PathIn("conf.json"), "--json");

        Assert.Equal(0, run.ExitCode);
        var report = JsonNode.Parse(run.Out)!;
        Assert.Equal("acoustic", (string)report["method"]!);
        Assert.InRange((double)report["confidence"]!, 0.5, 1);
        var perWord = report["wordConfidence"]!.AsArray();
        Assert.Equal(AlignTruth("f06-slt-noise20").Count, perWord.Count);
        Assert.Equal("w0", (string)perWord[0]!["id"]!);
        Assert.All(perWord, w => Assert.InRange((double)w!["confidence"]!, 0, 1));
    }

    [Fact]
    public async Task AlignRefusesARecordingOfOtherWordsWithTheReasonAndExitsOne()
    {
        var otherText = File.ReadAllText(AlignFixture("f07-rms-pauses.txt"));

        var run = await CliRunner.RunAsync(_home.Environment, "align", AlignFixture("f01-slt-base.wav"), "--text-string", otherText, "-o", PathIn("other-aligned.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the recording does not seem to hold this text", run.Error);
        Assert.Contains("check that --text is the script of this recording", run.Error);
        Assert.False(File.Exists(PathIn("other-aligned.json")));
    }

    [Fact]
    public async Task AlignWithoutTheAcousticModelFallsBackToDtwAndWarns()
    {
        var text = File.ReadAllText(AlignFixture("f01-slt-base.txt"));
        _home.Variables["MEDIAGATE_ACOUSTIC_MODEL"] = PathIn("missing-model");

        var plain = await CliRunner.RunAsync(_home.Environment, "align", AlignFixture("f01-slt-base.wav"), "--text-string", text, "-o", PathIn("nomodel.json"));
        var json = await CliRunner.RunAsync(_home.Environment, "align", AlignFixture("f01-slt-base.wav"), "--text-string", text, "-o", PathIn("nomodel.json"), "--json");

        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("warning: the pocketsphinx acoustic model is missing", plain.Error);
        Assert.Contains("apt-get install libpocketsphinx3 pocketsphinx-en-us", plain.Error);
        Assert.Equal(0, json.ExitCode);
        var report = JsonNode.Parse(json.Out)!;
        Assert.Equal("dtw", (string)report["method"]!);
        Assert.Contains("apt-get install libpocketsphinx3", (string)report["warning"]!);
        Assert.Equal(AlignTruth("f01-slt-base").Count, JsonNode.Parse(File.ReadAllText(PathIn("nomodel.json")))!.AsArray().Count);
    }

    [Fact]
    public async Task AlignReadsMp3()
    {
        var truth = AlignTruth("f05-kal16-mp3");
        var text = File.ReadAllText(AlignFixture("f05-kal16-mp3.txt"));

        var run = await CliRunner.RunAsync(_home.Environment, "align", AlignFixture("f05-kal16-mp3.mp3"), "--text-string", text, "-o", PathIn("voice.words.json"), "--json");

        Assert.Equal(0, run.ExitCode);
        var aligned = JsonNode.Parse(File.ReadAllText(PathIn("voice.words.json")))!.AsArray();
        Assert.Equal(truth.Count, aligned.Count);
        for (var i = 0; i < truth.Count; i++)
        {
            Assert.InRange((double)aligned[i]!["start"]! - (double)truth[i]!["start"]!, -0.08, 0.08);
        }
    }

    [Fact]
    public async Task AlignRejectsAFileThatIsNotAudio()
    {
        File.WriteAllText(PathIn("notes.wav"), "these are notes, not audio");

        var run = await CliRunner.RunAsync(_home.Environment, "align", PathIn("notes.wav"), "--text-string", "hi");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not a WAV (RIFF/WAVE) or MP3 file", run.Error);
        Assert.False(File.Exists(PathIn("notes.words.json")));
    }

    [Fact]
    public async Task TtsListShowsVoicesAndKokoroMappings()
    {
        var run = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = LocalEnginesOnDisk() }, "tts", "--list", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("local", (string?)json["provider"]);
        Assert.Contains(json["voices"]!.AsArray(), v => (string?)v!["id"] == "en-us");
        Assert.Contains(json["voices"]!.AsArray(), k => (string?)k!["id"] == "bm_george" && ((string?)k["note"])!.StartsWith("Kokoro id → en-gb+m", StringComparison.Ordinal));
    }

    private static Mediagate.Capabilities.LocalEngines LocalEnginesOnDisk() => Mediagate.Capabilities.LocalEngines.System;

    [Fact]
    public async Task KokoroWithoutItsModelIsRefusedWithTheCommandThatInstallsItAndItsVoicesAreListed()
    {
        var output = Path.Combine(_home.Root, "k.wav");

        var tts = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = LocalEnginesOnDisk() }, "tts", "Hello.", "--provider", "kokoro", "-o", output);
        var voices = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = LocalEnginesOnDisk() }, "voices", "--provider", "kokoro", "--json");
        var doctor = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = LocalEnginesOnDisk() }, "doctor");

        Assert.Equal(1, tts.ExitCode);
        Assert.Contains("error: local (Kokoro-82M) cannot be used: model not installed: run `mediagate models pull kokoro`", tts.Error);
        Assert.False(File.Exists(output));
        Assert.Equal(0, voices.ExitCode);
        var ids = System.Text.Json.Nodes.JsonNode.Parse(voices.Out)!["voices"]!.AsArray().Select(v => (string?)v!["id"]).ToList();
        Assert.Equal(54, ids.Count);
        Assert.Contains("af_heart", ids);
        Assert.Contains("Kokoro-82M (voice)", doctor.Out);
        Assert.Contains("model not installed: run `mediagate models pull kokoro`", doctor.Out);
    }
}

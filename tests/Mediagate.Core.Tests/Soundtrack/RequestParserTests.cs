using Mediagate.Soundtrack;

namespace Mediagate.Tests.Soundtrack;

public sealed class RequestParserTests
{
    [Fact]
    public void ThePeersRequestShapeIsReadWithItsDefaults()
    {
        var parsed = RequestParser.Parse("""
            {"provider": "heygen", "lang": "en", "speed": 1.1,
             "lines": [{"id": "intro", "text": "Hello there.", "sfx": ["whoosh", "pop"]}, {"id": "outro", "text": "Bye."}],
             "bgm": {"mode": "retrieve", "query": "lofi beat"}}
            """);

        Assert.Empty(parsed.Problems);
        Assert.Empty(parsed.Warnings);
        var request = parsed.Request!;
        Assert.Equal("heygen", request.Provider);
        Assert.Equal("en", request.Language);
        Assert.Equal(1.1, request.Speed);
        Assert.Equal(SoundtrackRequest.DefaultGapSeconds, request.GapSeconds);
        Assert.Equal(["intro", "outro"], request.Lines.Select(l => l.Id));
        Assert.Equal(["whoosh", "pop"], request.Lines[0].Sfx.Select(c => c.Name));
        Assert.All(request.Lines[0].Sfx, c => Assert.Equal(CueTime.Start, c.At));
        Assert.All(request.Lines[0].Sfx, c => Assert.Equal(SfxCue.DefaultVolume, c.Volume));
        Assert.Equal(new BgmRequest(BgmMode.Retrieve, "lofi beat", null), request.Bgm);
        Assert.Equal("lofi beat", request.Bgm.GenerationPrompt);
    }

    [Fact]
    public void MediagatesExtrasAreRead()
    {
        var parsed = RequestParser.Parse("""
            {"gap_s": 1.5, "voice": "en-gb",
             "lines": [{"id": "a", "text": "One two three four.", "voice": "en-us+f3", "gap_s": 0.2,
                        "sfx": [{"name": "riser", "at": "end", "volume": 0.8}, {"name": "pop", "at": 2}, {"name": "chime", "at": "1.25s"}]}]}
            """);

        Assert.Empty(parsed.Problems);
        var request = parsed.Request!;
        Assert.Equal(1.5, request.GapSeconds);
        Assert.Equal("en-gb", request.Voice);
        var line = request.Lines[0];
        Assert.Equal("en-us+f3", line.Voice);
        Assert.Equal(0.2, line.GapAfterSeconds);
        Assert.Equal(new SfxCue("riser", new CueTime(CueAnchor.End, 0), 0.8), line.Sfx[0]);
        Assert.Equal(new CueTime(CueAnchor.Word, 2), line.Sfx[1].At);
        Assert.Equal(new CueTime(CueAnchor.Seconds, 1.25), line.Sfx[2].At);
        Assert.Equal(["end", "2", "1.25s"], line.Sfx.Select(c => c.At.ToString()));
        Assert.Equal(BgmMode.Auto, request.Bgm.Mode);
        Assert.Equal(SoundtrackRequest.DefaultMusicQuery, request.Bgm.Query);
    }

    [Theory]
    [InlineData("[1, 2]", "$: expected an object {\"lines\": [...], \"bgm\": {...}}, found an array")]
    [InlineData("{\"lines\": [", "$: not valid JSON (line 1, column 12)")]
    [InlineData("{\"provider\": \"polly\"}", "provider: unknown provider \"polly\"; use one of auto, heygen, elevenlabs, kokoro, local, gemini")]
    [InlineData("{\"lang\": \" \"}", "lang: empty; give a language code such as en, en-gb or es, or leave the field out")]
    [InlineData("{\"speed\": 4}", "speed: 4 is out of range; use more than 0, at most 3 (1.0 is normal)")]
    [InlineData("{\"speed\": \"fast\"}", "speed: expected a number more than 0, at most 3 (1.0 is normal), found the string \"fast\"")]
    [InlineData("{\"gap_s\": -1}", "gap_s: -1 is out of range; use 0 to 10 (the silence between lines in seconds)")]
    [InlineData("{\"voice\": 3}", "voice: expected a string, found the number 3")]
    [InlineData("{\"lines\": {}}", "lines: expected an array of {\"id\", \"text\"} objects, found an object")]
    [InlineData("{\"lines\": [\"hello\"]}", "lines[0]: expected an object {\"id\", \"text\"}, found the string \"hello\"")]
    [InlineData("{\"lines\": [{\"id\": \"a\"}]}", "lines[0].text: missing; every line needs the words to say")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"  \"}]}", "lines[0].text: empty")]
    [InlineData("{\"lines\": [{\"id\": \"../x\", \"text\": \"Hi.\"}]}", "lines[0].id: \"../x\" cannot name a file; use letters, digits, '.', '-' and '_' (at most 64, not starting with '.' or '-')")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\"}, {\"id\": \"A\", \"text\": \"Yo.\"}]}", "lines[1].id: \"A\" is already the id of lines[0]; ids name files, so each must be unique")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\", \"gap_s\": 11}]}", "lines[0].gap_s: 11 is out of range; use 0 to 10 (the silence after this line in seconds)")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\", \"sfx\": \"pop\"}]}", "lines[0].sfx: expected an array of names or {\"name\", \"at\", \"volume\"} objects, found the string \"pop\"")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\", \"sfx\": [\"\"]}]}", "lines[0].sfx[0]: empty; name a sound such as \"whoosh\"")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\", \"sfx\": [7]}]}", "lines[0].sfx[0]: expected a name or an object {\"name\", \"at\", \"volume\"}, found the number 7")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\", \"sfx\": [{\"at\": 0}]}]}", "lines[0].sfx[0].name: missing; name a sound such as \"whoosh\"")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\", \"sfx\": [{\"name\": \" \"}]}]}", "lines[0].sfx[0].name: empty; name a sound such as \"whoosh\"")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\", \"sfx\": [{\"name\": \"pop\", \"at\": 1.5}]}]}", "lines[0].sfx[0].at: 1.5 is not a word index; write seconds as \"1.5s\"")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\", \"sfx\": [{\"name\": \"pop\", \"at\": -1}]}]}", "lines[0].sfx[0].at: word index -1 is negative; words count from 0")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi there.\", \"sfx\": [{\"name\": \"pop\", \"at\": 2}]}]}", "lines[0].sfx[0].at: word index 2 is past the line's last word (2 words, numbered 0 to 1)")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\", \"sfx\": [{\"name\": \"pop\", \"at\": \"middle\"}]}]}", "lines[0].sfx[0].at: \"middle\" is not a position; use \"start\", \"end\", a word index such as 3, or seconds such as \"1.5s\"")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\", \"sfx\": [{\"name\": \"pop\", \"at\": true}]}]}", "lines[0].sfx[0].at: expected a string or a number, found true; use \"start\", \"end\", a word index such as 3, or seconds such as \"1.5s\"")]
    [InlineData("{\"lines\": [{\"id\": \"a\", \"text\": \"Hi.\", \"sfx\": [{\"name\": \"pop\", \"volume\": 3}]}]}", "lines[0].sfx[0].volume: 3 is out of range; use 0 to 2 (1 is as loud as the narration, 0.35 the default)")]
    [InlineData("{\"bgm\": \"lofi\"}", "bgm: expected an object {\"mode\", \"query\", \"prompt\"}, found the string \"lofi\"")]
    [InlineData("{\"bgm\": {\"mode\": \"stream\"}}", "bgm.mode: unknown mode \"stream\"; use retrieve, generate or none, or leave the mode out for auto")]
    [InlineData("{\"bgm\": {\"query\": \"\"}}", "bgm.query: empty; give search words such as \"calm cinematic underscore\", or leave the field out")]
    public void EachProblemIsReportedWithItsJsonPath(string json, string problem)
    {
        var parsed = RequestParser.Parse(json);

        Assert.Null(parsed.Request);
        Assert.Equal([problem], parsed.Problems);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnceNotJustTheFirst()
    {
        var parsed = RequestParser.Parse("""
            {"speed": 9, "lines": [{"id": "a", "text": ""}, {"id": "b", "text": "Fine.", "sfx": [{"name": "pop", "at": "soon"}]}], "bgm": {"mode": "x"}}
            """);

        Assert.Equal(
        [
            "speed: 9 is out of range; use more than 0, at most 3 (1.0 is normal)",
            "lines[0].text: empty",
            "lines[1].sfx[0].at: \"soon\" is not a position; use \"start\", \"end\", a word index such as 3, or seconds such as \"1.5s\"",
            "bgm.mode: unknown mode \"x\"; use retrieve, generate or none, or leave the mode out for auto",
        ], parsed.Problems);
    }

    [Fact]
    public void UnknownFieldsAreWarningsNotFailures()
    {
        var parsed = RequestParser.Parse("""
            {"title": "Launch", "provider": "kokoro", "lines": [{"id": "a", "text": "Hi.", "mood": "happy", "sfx": [{"name": "pop", "pan": 0.5}]}],
             "bgm": {"mode": "generate", "archetype": "PAS", "tempo": 100}}
            """);

        Assert.Empty(parsed.Problems);
        // The peer's local voice is a link of Mediagate's chain too (once `mediagate models pull kokoro` has run).
        Assert.Equal("kokoro", parsed.Request!.Provider);
        Assert.Equal(
        [
            "title: unknown field, ignored",
            "lines[0].mood: unknown field, ignored",
            "lines[0].sfx[0].pan: unknown field, ignored",
            "bgm.archetype: ignored; Mediagate generates from bgm.prompt (mood, genre and tempo words)",
            "bgm.tempo: unknown field, ignored",
        ], parsed.Warnings);
    }

    [Fact]
    public void TheReadmesExampleIsAValidRequestOfSixToTenLinesWithMusicAndSeveralCues()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mediagate.slnx")))
        {
            directory = directory.Parent;
        }
        var parsed = RequestParser.Parse(File.ReadAllText(Path.Combine(directory!.FullName, "examples", "product-launch.json")));

        Assert.Empty(parsed.Problems);
        Assert.Empty(parsed.Warnings);
        Assert.InRange(parsed.Request!.Lines.Count, 6, 10);
        Assert.True(parsed.Request.Lines.Sum(l => l.Sfx.Count) >= 5);
        Assert.Equal(BgmMode.Auto, parsed.Request.Bgm.Mode);
    }

    [Fact]
    public void ALineWithoutAnIdIsNamedByItsPosition()
    {
        var parsed = RequestParser.Parse("""{"lines": [{"text": "One."}, {"text": "Two."}]}""");

        Assert.Equal(["line-1", "line-2"], parsed.Request!.Lines.Select(l => l.Id));
    }

    [Theory]
    [InlineData("{}", BgmMode.Auto, null)]
    [InlineData("{\"bgm\": {\"query\": \"lofi\"}}", BgmMode.Auto, null)]
    [InlineData("{\"bgm\": {\"mode\": \"\"}}", BgmMode.Auto, null)]
    [InlineData("{\"bgm\": {\"mode\": \"retrieve\"}}", BgmMode.Retrieve, null)]
    [InlineData("{\"bgm\": {\"mode\": \"generate\"}}", BgmMode.Generate, null)]
    [InlineData("{\"bgm\": {\"mode\": \"none\"}}", BgmMode.None, null)]
    [InlineData("{\"bgm\": {\"mode\": \"auto\"}}", BgmMode.Generate,
        "bgm.mode: \"auto\" means generate, as in HyperFrames (only a missing mode is auto: retrieve with a HeyGen credential, else generate); leave the mode out for auto")]
    public void OnlyAMissingMusicModeIsAutoAnExplicitAutoIsGenerateAsThePeerRunsIt(string json, BgmMode mode, string? warning)
    {
        var parsed = RequestParser.Parse(json);

        Assert.Empty(parsed.Problems);
        Assert.Equal(mode, parsed.Request!.Bgm.Mode);
        Assert.Equal(warning is null ? [] : [warning], parsed.Warnings);
    }

    [Theory]
    [InlineData(0.05, true)]
    [InlineData(3, true)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(3.01, false)]
    public void SpeedIsThePeersRangeMoreThanZeroAtMostThree(double speed, bool valid)
    {
        var parsed = RequestParser.Parse($$"""{"speed": {{speed.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""");

        Assert.Equal(valid, parsed.Problems.Count == 0);
    }

    [Fact]
    public void ThePeersGeminiProviderWithItsModelAndStylesIsAccepted()
    {
        var parsed = RequestParser.Parse("""
            {"provider": "gemini", "tts_model": "gemini-2.5-flash-preview-tts", "style": "warm",
             "lines": [{"id": "a", "text": "Hi.", "style": "bright"}, {"id": "b", "text": "Bye."}]}
            """);

        Assert.Empty(parsed.Problems);
        Assert.Empty(parsed.Warnings);
        var request = parsed.Request!;
        Assert.Equal("gemini", request.Provider);
        Assert.Equal("gemini-2.5-flash-preview-tts", request.TtsModel);
        Assert.Equal("warm", request.Style);
        Assert.Equal(["bright", null], request.Lines.Select(l => l.Style));
        Assert.Empty(RequestParser.Caveats(request));
    }

    [Fact]
    public void AnUnknownGeminiModelIsAProblemAndGeminiWithASpeedOrStyleWithoutGeminiIsAWarning()
    {
        Assert.Equal(["tts_model: unknown Gemini TTS model \"gemini-9-tts\"; use one of gemini-3.8-flash-tts, gemini-3.8-flash-lite-tts, gemini-3.1-flash-tts-preview, gemini-2.5-pro-preview-tts, gemini-2.5-flash-preview-tts"],
            RequestParser.Parse("""{"provider": "gemini", "tts_model": "gemini-9-tts"}""").Problems);
        Assert.StartsWith("speed: Gemini TTS has no speed setting",
            Assert.Single(RequestParser.Caveats(RequestParser.Parse("""{"provider": "gemini", "speed": 1.2}""").Request!)));
        Assert.Equal("tts_model and style apply to Gemini TTS only (provider gemini); with provider auto they are ignored",
            Assert.Single(RequestParser.Caveats(RequestParser.Parse("""{"style": "calm"}""").Request!)));
    }
}

using Mediagate.Audio;
using Mediagate.Capabilities.Voice;
using Mediagate.Captions;
using Mediagate.Local.Voice;

namespace Mediagate.Tests.Local.Voice;

public sealed class LocalVoiceEngineTests
{
    private static (SpeechResult Result, float[] Audio, int Rate) Speak(SpeechRequest request)
    {
        using var wav = new MemoryStream();
        var result = new LocalVoiceEngine().Synthesize(request, wav, CancellationToken.None);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, wav.ToArray());
            using var reader = WavReader.Open(path);
            return (result, reader.ReadAll(), reader.SampleRate);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertWellFormed(string text, IReadOnlyList<Word> words, double duration)
    {
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(tokens, words.Select(w => w.Text));
        Assert.Equal(Enumerable.Range(0, tokens.Length).Select(i => $"w{i}"), words.Select(w => w.Id));
        double previousEnd = 0;
        foreach (var word in words)
        {
            Assert.True(word.Start >= previousEnd - 1e-9, $"{word.Id} '{word.Text}' starts at {word.Start}, before the previous end {previousEnd}");
            Assert.True(word.End >= word.Start, $"{word.Id} ends before it starts");
            previousEnd = word.End;
        }
        Assert.True(words[^1].End <= duration + 1e-9, $"the last word ends at {words[^1].End}, after the audio ({duration})");
    }

    [Fact]
    public void EveryWordGetsOneTimingInOrderAndTheAudioIs24kMono16Bit()
    {
        const string text = "Hello world, this is a word timing test.";

        var (result, audio, rate) = Speak(new SpeechRequest(text));

        Assert.Equal(24000, rate);
        Assert.Equal(audio.Length / 24000.0, result.DurationSeconds, 3);
        AssertWellFormed(text, result.Words, result.DurationSeconds);
        Assert.InRange(result.Words[1].Start, 0.2, 0.45);
        Assert.Equal("local", result.Provider);
        Assert.Equal("en-us", result.Voice);
    }

    [Fact]
    public void ExpandedNumbersDatesAbbreviationsUnicodeEmojiAndLineBreaksMapBackToTheOriginalWords()
    {
        const string text = "On 3/14/2025 Dr. Smith paid $1,234.56 — e.g. for Zoë's café 🎉!\nThen, line two: well-known A.B.C. items.";

        var (result, _, _) = Speak(new SpeechRequest(text));

        AssertWellFormed(text, result.Words, result.DurationSeconds);
        var date = result.Words.Single(w => w.Text == "3/14/2025");
        Assert.True(date.End - date.Start > 1.0, "a spoken date takes more than a second");
        var dash = result.Words.Single(w => w.Text == "—");
        Assert.Equal(dash.Start, dash.End);
    }

    [Fact]
    public void AWordThatEndsBeforeAPauseEndsWhereTheVoiceStopsNotWhereTheNextWordStarts()
    {
        var (result, _, _) = Speak(new SpeechRequest("Hello there, world."));

        Assert.True(result.Words[2].Start - result.Words[1].End > 0.08, $"the comma pause should fall between the words: {result.Words[1]} {result.Words[2]}");
    }

    [Fact]
    public void SpeedTwoIsAboutTwiceAsFastAsSpeedOne()
    {
        const string text = "The quick brown fox jumps over the lazy dog, and then it runs far away into the woods.";

        var normal = Speak(new SpeechRequest(text)).Result.DurationSeconds;
        var fast = Speak(new SpeechRequest(text, Speed: 2.0)).Result.DurationSeconds;
        var fastest = Speak(new SpeechRequest(text, Speed: 3.0)).Result.DurationSeconds;

        Assert.InRange(fast / normal, 0.4, 0.65);
        Assert.True(fastest < fast);
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(44100)]
    public void TheSampleRateCanBeChosen(int rate)
    {
        var (result, audio, actual) = Speak(new SpeechRequest("Sample rate check.", SampleRate: rate));

        Assert.Equal(rate, actual);
        Assert.Equal(audio.Length / (double)rate, result.DurationSeconds, 3);
    }

    [Theory]
    [InlineData("af_heart", null, "en-us+f", "gmw/en-US+f")]
    [InlineData("bm_george", null, "en-gb+m", "gmw/en+m")]
    [InlineData("zf_xiaobei", null, "cmn+f", "sit/cmn+f")]
    [InlineData(null, "zh", "cmn", "sit/cmn")]
    [InlineData(null, "fr-fr", "fr-fr", "roa/fr")]
    [InlineData("en-gb+f3", null, "en-gb+f3", "gmw/en+f3")]
    [InlineData("English (America)", null, "en-us", "gmw/en-US")]
    public void PeerLanguageCodesAndKokoroIdsMapToESpeakVoices(string? voice, string? language, string display, string identifier)
    {
        var choice = VoiceCatalog.Resolve(voice, language, LocalVoiceEngine.Voices());

        Assert.StartsWith(display, choice.DisplayName);
        Assert.StartsWith(identifier, choice.ESpeakName);
        Assert.Equal(choice, VoiceCatalog.Resolve(voice, language, LocalVoiceEngine.Voices()));
    }

    [Fact]
    public void DifferentKokoroVoicesOfOneLanguageAndGenderGetDifferentVariants()
    {
        var voices = LocalVoiceEngine.Voices();

        var variants = new[] { "af_heart", "af_nova", "af_sky", "af_bella", "af_river" }.Select(v => VoiceCatalog.Resolve(v, null, voices).ESpeakName).Distinct();

        Assert.True(variants.Count() >= 3);
    }

    [Theory]
    [InlineData("af_hart", null, "did you mean af_heart")]
    [InlineData("en-uss", null, "did you mean en-us")]
    [InlineData("en-us+z9", null, "unknown voice variant")]
    [InlineData(null, "xx-nowhere", "unknown language \"xx-nowhere\"")]
    public void UnknownVoicesAndLanguagesSuggestTheNearestOnes(string? voice, string? language, string message)
    {
        var error = Assert.Throws<UnknownVoiceException>(() => VoiceCatalog.Resolve(voice, language, LocalVoiceEngine.Voices()));

        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("", "the text is empty")]
    [InlineData("  \n ", "the text is empty")]
    [InlineData("... — …", "nothing speakable")]
    public void TextWithNothingToSayIsRejected(string text, string message)
    {
        var error = Assert.Throws<UsageException>(() => Speak(new SpeechRequest(text)));

        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3.5)]
    public void SpeedOutsideThePeersRangeIsRejected(double speed)
    {
        Assert.Contains("speed", new SpeechRequest("hi", Speed: speed).Problem());
    }

    [Fact]
    public void AChapterIsSynthesisedInChunksWithEveryWordTimed()
    {
        var sentence = "This is sentence number {0}, and it carries a few more words to make the chapter long. ";
        var text = string.Concat(Enumerable.Range(1, 120).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, sentence, i)));

        var (result, _, _) = Speak(new SpeechRequest(text, Speed: 2.0));

        AssertWellFormed(text, result.Words, result.DurationSeconds);
        Assert.True(result.Words.Count > 2000);
        var reports = new List<double>();
        using (var wav = new MemoryStream())
        {
            new LocalVoiceEngine().Synthesize(new SpeechRequest(text, Speed: 3.0), wav, CancellationToken.None, new SyncProgress(reports.Add));
        }
        Assert.True(reports.Count > 3);
        Assert.Equal(reports.Order(), reports);
        Assert.Equal(1.0, reports[^1]);
        Assert.True(result.Words[^1].Start > result.DurationSeconds * 0.9);
    }

    [Fact]
    public void CancellingStopsBetweenChunksAndNothingIsWrittenAfterItReturns()
    {
        var text = string.Concat(Enumerable.Repeat("Cancel me somewhere in the middle of this long reading, please. ", 200));
        using var cancel = new CancellationTokenSource();
        using var wav = new WatchedStream();
        var reports = new List<double>();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new LocalVoiceEngine().Synthesize(new SpeechRequest(text, Speed: 3.0), wav, cancel.Token, new SyncProgress(done =>
            {
                reports.Add(done);
                cancel.Cancel();
            })));
        var finishedWhenItReturned = wav.Finished.IsCompleted;
        var length = wav.Length;

        // The writing side runs on its own thread; its last act is the header rewrite and flush. It must be over by the time
        // Synthesize returns, or it would go on writing into a stream the caller believes is done with (and may dispose).
        Assert.True(finishedWhenItReturned, "Synthesize returned while its writing side was still writing the WAV file");
        Assert.Single(reports);
        Assert.Equal(0, wav.WritesAfterFinish);
        Assert.Equal(length - 44, BitConverter.ToInt32(wav.ToArray(), 40));
    }

    /// <summary>A stream that knows when the WAV writer has finished (its closing flush) and counts writes after that.</summary>
    private sealed class WatchedStream : MemoryStream
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Finished => _finished.Task;

        public int WritesAfterFinish { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Count();
            base.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Count();
            base.Write(buffer, offset, count);
        }

        public override void WriteByte(byte value)
        {
            Count();
            base.WriteByte(value);
        }

        public override void Flush()
        {
            base.Flush();
            _finished.TrySetResult();
        }

        private void Count()
        {
            if (_finished.Task.IsCompleted)
            {
                WritesAfterFinish++;
            }
        }
    }

    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}

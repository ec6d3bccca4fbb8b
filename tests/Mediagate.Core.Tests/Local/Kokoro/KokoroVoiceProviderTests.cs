using Mediagate.Capabilities.Voice;
using Mediagate.Local.Kokoro;
using Mediagate.Local.Voice;
using Xunit;

namespace Mediagate.Core.Tests.Local.Kokoro;

/// <summary>The provider over the tiny ONNX fixtures: each token lasts ceil((2 + id % 3) / speed) frames of 600 samples, and the peak is the style row's mean.</summary>
public sealed class KokoroVoiceProviderTests : IDisposable
{
    private readonly KokoroFixtures.TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private KokoroVoiceProvider Provider(string model)
    {
        KokoroFixtures.WriteNpz(_dir.File("voices-v1.0.bin"), new Dictionary<string, float[]> { ["af_heart"] = KokoroFixtures.RowMarkedVoice(), ["bf_emma"] = KokoroFixtures.RowMarkedVoice() });
        return new KokoroVoiceProvider(new KokoroFiles(model, _dir.File("voices-v1.0.bin")));
    }

    [Fact]
    public void IsUnavailableWithTheFixWhenItsFilesAreMissing()
    {
        using var provider = new KokoroVoiceProvider(() => new KokoroFiles(_dir.File("kokoro-v1.0.onnx"), _dir.File("voices-v1.0.bin")));

        Assert.Equal(("kokoro", "local (Kokoro-82M)"), (provider.Id, provider.Label));
        Assert.False(provider.Availability.IsReady);
        Assert.Equal("model not installed: run `mediagate models pull kokoro`", provider.Availability.Reason);
        Assert.False(new KokoroVoiceProvider(() => null).Availability.IsReady);
    }

    [Fact]
    public async Task TimesEveryWordFromTheModelsDurations()
    {
        using var provider = Provider(KokoroFixtures.ModelWithDurations);
        Assert.Equal("no key needed; model kokoro-tiny-durations.onnx", provider.Availability.Reason);

        var clip = await provider.SpeakAsync(new SpeechRequest("Hello, world."), CancellationToken.None);

        // Frames: pad 2, "həlˈoʊ" 16, "," 2, " " 3, "wˈɜːld" 17, "." 3, pad 2 = 45 frames of 1/40 s.
        Assert.Equal(45 * 600, clip.Samples.Length);
        Assert.Equal([("w0", "Hello,", 0.05, 0.45), ("w1", "world.", 0.575, 1.0)], clip.Result.Words.Select(w => (w.Id, w.Text, w.Start, w.End)));
        Assert.Equal(("kokoro", "af_heart", "en-us", 1.125), (clip.Result.Provider, clip.Result.Voice, clip.Result.Language, clip.Result.DurationSeconds));
    }

    [Fact]
    public async Task TheAudiosLengthFollowsTheSpeedAndTheStyleRowTheTokenCount()
    {
        using var provider = Provider(KokoroFixtures.ModelWithDurations);

        var normal = await provider.SpeakAsync(new SpeechRequest("Hello, world."), CancellationToken.None);
        var fast = await provider.SpeakAsync(new SpeechRequest("Hello, world.", Speed: 2.0), CancellationToken.None);

        Assert.Equal(24 * 600, fast.Samples.Length);
        Assert.True(fast.Result.Words[1].End < normal.Result.Words[1].End / 1.5);
        // 15 phoneme tokens pick row 15, whose values are 0.115: the fixture's peak.
        Assert.InRange(normal.Samples.Max(), 0.113f, 0.1151f);
    }

    [Theory]
    [InlineData(0.49)]
    [InlineData(2.01)]
    [InlineData(3.0)]
    public async Task RefusesASpeedOutsideHalfToDouble(double speed)
    {
        using var provider = Provider(KokoroFixtures.ModelWithDurations);

        var error = await Assert.ThrowsAsync<Mediagate.UsageException>(() => provider.SpeakAsync(new SpeechRequest("Hello", Speed: speed), CancellationToken.None));
        Assert.Contains("out of range for Kokoro; use 0.5 to 2.0", error.Message);
    }

    [Fact]
    public async Task WithoutDurationsTheForcedAlignerTimesEveryWord()
    {
        using var provider = Provider(KokoroFixtures.Model);
        var text = "The quick brown fox jumps over the lazy dog.";

        var clip = await provider.SpeakAsync(new SpeechRequest(text, SampleRate: 16000), CancellationToken.None);

        Assert.Equal(text.Split(' '), clip.Result.Words.Select(w => w.Text));
        Assert.Equal(16000, clip.Result.SampleRate);
        Assert.InRange(clip.Result.DurationSeconds, 0.5, 10);
        var previous = 0.0;
        foreach (var word in clip.Result.Words)
        {
            Assert.InRange(word.Start, previous, word.End);
            Assert.InRange(word.End, word.Start, clip.Result.DurationSeconds);
            previous = word.End;
        }
        Assert.True(clip.Result.Words[^1].End > clip.Result.Words[0].Start);
    }

    [Fact]
    public async Task LongTextRunsInChunksAndKeepsEveryWordInOrder()
    {
        using var provider = Provider(KokoroFixtures.ModelWithDurations);
        var text = string.Join(' ', Enumerable.Repeat("This sentence is spoken again and again, to fill several chunks.", 20));

        var clip = await provider.SpeakAsync(new SpeechRequest(text), CancellationToken.None);

        Assert.Equal(text.Split(' ').Length, clip.Result.Words.Count);
        Assert.All(clip.Result.Words.Zip(clip.Result.Words.Skip(1)), p => Assert.True(p.First.End <= p.Second.Start));
        Assert.All(clip.Result.Words, w => Assert.True(w.End > w.Start));
        Assert.InRange(clip.Result.Words[^1].End, clip.Result.DurationSeconds - 0.2, clip.Result.DurationSeconds);
    }

    [Fact]
    public async Task AnUnknownVoiceIsTheUsersToFixAndVoicesAreListedFromTheFile()
    {
        using var provider = Provider(KokoroFixtures.ModelWithDurations);

        var error = await Assert.ThrowsAsync<UnknownVoiceException>(() => provider.SpeakAsync(new SpeechRequest("Hi", Voice: "af_hart"), CancellationToken.None));
        Assert.Contains("unknown Kokoro voice \"af_hart\"; try af_heart", error.Message);
        var voices = await provider.ListVoicesAsync(CancellationToken.None);
        Assert.Equal([("af_heart", "en-us", "female"), ("bf_emma", "en-gb", "female")], voices.Select(v => (v.Id, v.Language, v.Gender)));
        Assert.Equal(54, (await new KokoroVoiceProvider(() => null).ListVoicesAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public void ReadsTheSignatureFromTheModel()
    {
        using var plain = new KokoroModel(KokoroFixtures.Model);
        using var timed = new KokoroModel(KokoroFixtures.ModelWithDurations);

        Assert.Equal("tokens, style, speed (Single) → audio", plain.Signature);
        Assert.Equal("input_ids, style, speed (Single) → waveform, durations", timed.Signature);
        Assert.False(plain.HasDurations);
        Assert.True(timed.HasDurations);
    }
}

using System.Security.Cryptography;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Local.Music;

namespace Mediagate.Tests.Local.Music;

public sealed class ComposerTests
{
    private static MusicResult Compose(MusicRequest request) => Composer.Compose(request, LocalEngines.System);

    private static string Hash(MusicResult r) => Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(r.Stereo.AsSpan())));

    private static float[] Mono(MusicResult r) => Enumerable.Range(0, r.Stereo.Length / 2).Select(i => (r.Stereo[2 * i] + r.Stereo[2 * i + 1]) / 2).ToArray();

    [Fact]
    public void TheSamePromptAndSeedGiveTheSameAudioAndAnotherSeedAnotherArrangement()
    {
        var a = Compose(new MusicRequest("upbeat corporate", 12, Seed: 3));
        var b = Compose(new MusicRequest("upbeat corporate", 12, Seed: 3));
        var c = Compose(new MusicRequest("upbeat corporate", 12, Seed: 4));

        Assert.Equal(Hash(a), Hash(b));
        Assert.NotEqual(Hash(a), Hash(c));
        Assert.NotEqual(a.Notes, c.Notes);
    }

    [Fact]
    public void WithoutASeedThePromptDecidesSoTheSameCommandGivesTheSameFile()
    {
        Assert.Equal(Hash(Compose(new MusicRequest("lo-fi study beats", 8))), Hash(Compose(new MusicRequest("lo-fi study beats", 8))));
    }

    [Theory]
    [InlineData(9.5)]
    [InlineData(31.0)]
    public void ATrackHasTheExactLengthItsLoudnessTargetAndEndsOnAFade(double seconds)
    {
        var track = Compose(new MusicRequest("inspiring", seconds));

        Assert.Equal(seconds, track.DurationSeconds, 3);
        var atTarget = Math.Abs(track.Loudness.IntegratedLufs - Composer.TargetLufs) <= 1.0;
        Assert.True(atTarget || Math.Abs(track.Loudness.TruePeakDbtp - Composer.CeilingDbtp) < 0.1, $"{track.Loudness.IntegratedLufs:F1} LUFS");
        Assert.True(track.Loudness.TruePeakDbtp <= Composer.CeilingDbtp + 0.05);
        var mono = Mono(track);
        Assert.True(Math.Abs(mono[^1]) < 0.01 && Math.Abs(mono[0]) < 0.01, "fades in and out");
        Assert.True(track.Notes.Max(n => n.Beat) <= track.Bars * 4, "the last note starts inside the last bar");
    }

    [Theory]
    [InlineData(20)]
    [InlineData(23)]
    [InlineData(37)]
    public void TheEndingTonicLandsOnAPhraseBoundaryAndIsHeldToTheEnd(int bars)
    {
        var style = StyleParser.Parse("corporate", 0);

        var notes = Arranger.Arrange(style, 5, bars, loop: false);

        var ending = notes.Where(n => n.Channel == Arranger.PadChannel).MaxBy(n => n.Beat);
        var endingBar = (int)(ending.Beat / 4);
        Assert.Equal(0, (endingBar - 2) % 2);
        Assert.Equal(bars * 4.0, ending.Beat + ending.Length);
        Assert.Equal(style.Root, (notes.Where(n => n.Channel == Arranger.BassChannel).MaxBy(n => n.Beat).Key - style.Root) % 12 + style.Root);
    }

    [Fact]
    public void ChannelsMixUpAndDown()
    {
        Assert.Equal([0.5f, 0.5f, -1f, -1f], Mediagate.Audio.ChannelMix.MonoToStereo([0.5f, -1f]));
        Assert.Equal([0.25f, 0f], Mediagate.Audio.ChannelMix.ToMono([0.5f, 0f, 1f, -1f], 2));
    }

    [Fact]
    public void ALoopHasNoClickAtTheSeam()
    {
        var loop = Compose(new MusicRequest("upbeat corporate", 15.48, Loop: true));
        var mono = Mono(loop);
        var steps = Enumerable.Range(1, mono.Length - 1).Select(i => Math.Abs(mono[i] - mono[i - 1])).Order().ToList();
        var typical = steps[(int)(steps.Count * 0.99)];

        var seam = Math.Abs(mono[0] - mono[^1]);

        Assert.True(seam <= typical, $"seam step {seam:F4} against the 99th percentile step {typical:F4}");
        Assert.Equal(15.48, loop.DurationSeconds, 3);
        Assert.Equal(15.48, loop.Bars * 4 * 60 / loop.Bpm, 3);
    }

    [Theory]
    [InlineData(120)]
    [InlineData(96)]
    public void MusicHasABeatAtTheRequestedTempo(int bpm)
    {
        var track = Compose(new MusicRequest("upbeat dance", 24, Seed: 1, Bpm: bpm));
        var mono = Mono(track);
        const int hop = 480;
        var energy = Enumerable.Range(0, mono.Length / hop).Select(f => mono.Skip(f * hop).Take(hop).Sum(v => (double)v * v)).ToArray();
        var onset = Enumerable.Range(1, energy.Length - 1).Select(i => Math.Max(0, energy[i] - energy[i - 1])).ToArray();
        var mean = onset.Average();
        var centred = onset.Select(v => v - mean).ToArray();
        double Correlation(int lag) => Enumerable.Range(0, centred.Length - lag).Sum(i => centred[i] * centred[i + lag]);
        var framesPerSecond = 48000.0 / hop;
        var lags = Enumerable.Range((int)(framesPerSecond * 60 / 200), (int)(framesPerSecond * 60 / 60) - (int)(framesPerSecond * 60 / 200));

        var best = lags.MaxBy(Correlation);
        var measured = 60 * framesPerSecond / best;

        Assert.True(new[] { bpm, bpm * 2, bpm / 2.0 }.Any(b => Math.Abs(measured - b) / b < 0.03), $"measured {measured:F1} BPM for {bpm}");
    }

    [Theory]
    [InlineData("calm cinematic underscore", "calm", 72)]
    [InlineData("crypto launch", "default", 100)]
    [InlineData("finance report", "default", 92)]
    [InlineData("creative agency", "default", 115)]
    [InlineData("product video", "default", 108)]
    [InlineData("Dark, suspense thriller", "tense", 96)]
    [InlineData("chill lo-fi", "lofi", 80)]
    public void MoodWordsAndThePeersIndustryTempiSetTheStyle(string prompt, string mood, int bpm)
    {
        var style = StyleParser.Parse(prompt, seed: 0);

        Assert.Equal((mood, bpm), (style.Mood, style.Bpm));
    }

    [Theory]
    [InlineData("C", 0, null)]
    [InlineData("F#m", 6, true)]
    [InlineData("Bb minor", 10, true)]
    [InlineData("a major", 9, false)]
    public void KeysAreRead(string key, int root, bool? minor) => Assert.Equal((root, minor), StyleParser.ParseKey(key));

    [Theory]
    [InlineData(-5, null, null, "duration -5 s is out of range")]
    [InlineData(100000, null, null, "out of range")]
    [InlineData(10, 500, null, "tempo 500 BPM is out of range")]
    [InlineData(10, null, "H", "\"H\" is not a key")]
    public void BadRequestsAreRejected(double seconds, int? bpm, string? key, string message)
    {
        var error = Assert.Throws<UsageException>(() => Compose(new MusicRequest("calm", seconds, Bpm: bpm, Key: key)));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void WithoutASoundFontTheErrorNamesThePackage()
    {
        var none = new LocalEngines(_ => true, _ => true, _ => []);

        var error = Assert.Throws<MusicEngineException>(() => Composer.Compose(new MusicRequest("calm", 5), none));

        Assert.Contains("apt-get install timgm6mb-soundfont", error.Message);
    }

    [Fact]
    public void TheMidiExportHoldsATempoTrackAndOneTrackPerChannel()
    {
        var track = Compose(new MusicRequest("upbeat corporate", 10, Seed: 2));

        var midi = MidiFile.Write(track.Notes, track.Bpm, Arranger.Programs(track.Style));

        Assert.Equal("MThd"u8.ToArray(), midi[..4]);
        Assert.Equal(1, midi[9]);
        var channels = track.Notes.Select(n => n.Channel).Distinct().Count();
        Assert.Equal(channels + 1, midi[11]);
        Assert.Equal(channels + 1, System.Text.Encoding.ASCII.GetString(midi).Split("MTrk").Length - 1);
    }
}

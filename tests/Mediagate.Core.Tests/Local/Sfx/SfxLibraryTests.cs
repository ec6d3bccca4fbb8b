using System.Numerics;
using System.Security.Cryptography;
using MathNet.Numerics.IntegralTransforms;
using Mediagate.Local.Sfx;

namespace Mediagate.Tests.Local.Sfx;

public sealed class SfxLibraryTests
{
    private static readonly string[] PeerNames =
    [
        "chime", "click-soft", "click", "error", "glitch-1", "glitch-2", "glitch-3", "impact-bass-1", "impact-bass-2", "key-press",
        "notification", "ping", "pop", "riser", "sparkle", "typing", "whoosh-cinematic", "whoosh-short", "whoosh",
    ];

    private static readonly IReadOnlyList<RenderedSfx> Everything = SfxLibrary.RenderAll();

    private static float[] Mono(RenderedSfx sound) => Enumerable.Range(0, sound.Stereo.Length / 2).Select(i => (sound.Stereo[2 * i] + sound.Stereo[2 * i + 1]) / 2).ToArray();

    private static RenderedSfx Get(string name) => Everything.Single(s => s.Recipe.Name == name);

    /// <summary>The magnitude spectrum of a Hann-windowed segment, and the frequency of each bin.</summary>
    private static (double[] Magnitude, double BinHz) Spectrum(float[] x, int start, int length)
    {
        var size = 1;
        while (size < length)
        {
            size <<= 1;
        }
        var buffer = new Complex[size];
        for (var i = 0; i < length && start + i < x.Length; i++)
        {
            buffer[i] = new Complex(x[start + i] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / length)), 0);
        }
        Fourier.Forward(buffer, FourierOptions.Matlab);
        return (buffer.Take(size / 2).Select(c => c.Magnitude).ToArray(), (double)Dsp.Rate / size);
    }

    private static double Centroid(float[] x, double fromSeconds, double toSeconds)
    {
        var (magnitude, binHz) = Spectrum(x, (int)(fromSeconds * Dsp.Rate), (int)((toSeconds - fromSeconds) * Dsp.Rate));
        var power = magnitude.Select(m => m * m).ToArray();
        return power.Select((p, k) => p * k * binHz).Sum() / power.Sum();
    }

    [Fact]
    public void TheLibraryHasAtLeast40SoundsIncludingThePeers19()
    {
        Assert.True(SfxLibrary.Recipes.Count >= 40);
        Assert.All(PeerNames, name => Assert.NotNull(SfxLibrary.Find(name)));
        Assert.Equal(SfxLibrary.Recipes.Count, SfxLibrary.Recipes.Select(r => r.Name).Distinct().Count());
        Assert.All(SfxLibrary.Recipes, r => Assert.True(r.Tags.Length > 0 && r.Description.Length > 0 && r.Placement.Length > 0, r.Name));
    }

    [Fact]
    public void RenderingIsDeterministicPerSeedAndAnotherSeedChangesTheNoise()
    {
        static string Hash(RenderedSfx s) => Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.Stereo.AsSpan())));
        var whoosh = SfxLibrary.Find("whoosh")!;

        Assert.Equal(Hash(SfxLibrary.Render(whoosh, 7)), Hash(SfxLibrary.Render(whoosh, 7)));
        Assert.NotEqual(Hash(SfxLibrary.Render(whoosh, 7)), Hash(SfxLibrary.Render(whoosh, 8)));
        Assert.Equal(Hash(Get("glitch-2")), Hash(SfxLibrary.Render(SfxLibrary.Find("glitch-2")!)));
    }

    [Fact]
    public void EverySoundIsAtTheLoudnessTargetOrHeldAtTheTruePeakCeilingAndNeverClips()
    {
        Assert.All(Everything, s =>
        {
            Assert.True(s.Loudness.TruePeakDbtp <= SfxLibrary.CeilingDbtp + 0.05, $"{s.Recipe.Name}: {s.Loudness.TruePeakDbtp:F2} dBTP");
            var atTarget = Math.Abs(s.Loudness.MomentaryMaxLufs - SfxLibrary.TargetLufs) <= 1.0;
            var atCeiling = Math.Abs(s.Loudness.TruePeakDbtp - SfxLibrary.CeilingDbtp) <= 0.1 && s.Loudness.MomentaryMaxLufs < SfxLibrary.TargetLufs;
            Assert.True(atTarget || atCeiling, $"{s.Recipe.Name}: {s.Loudness.MomentaryMaxLufs:F1} LUFS, {s.Loudness.TruePeakDbtp:F1} dBTP");
            Assert.True(s.Stereo.All(v => Math.Abs(v) <= 1f), s.Recipe.Name);
        });
        Assert.True(Everything.Count(s => Math.Abs(s.Loudness.MomentaryMaxLufs - SfxLibrary.TargetLufs) <= 1.0) >= 30);
    }

    [Fact]
    public void AWhooshSweepsUpInFrequencyAndPansAcross()
    {
        var whoosh = Get("whoosh");
        var mono = Mono(whoosh);

        Assert.True(Centroid(mono, 0.05, 0.3) < Centroid(mono, 0.45, 0.75) * 0.7);
        var frames = whoosh.Stereo.Length / 2;
        double LeftShare(int from, int to) => Enumerable.Range(from, to - from).Sum(i => whoosh.Stereo[2 * i] * whoosh.Stereo[2 * i]) /
            Enumerable.Range(from, to - from).Sum(i => whoosh.Stereo[2 * i] * whoosh.Stereo[2 * i] + whoosh.Stereo[2 * i + 1] * whoosh.Stereo[2 * i + 1]);
        Assert.True(LeftShare(0, frames / 3) > 0.6 && LeftShare(2 * frames / 3, frames) < 0.4);
    }

    [Fact]
    public void AChimeHasItsPartialsAsSpectralPeaks()
    {
        var (magnitude, binHz) = Spectrum(Mono(Get("chime")), 0, Dsp.Rate);
        double Peak(double hz) => Enumerable.Range((int)(hz * 0.98 / binHz), (int)(hz * 0.04 / binHz) + 1).Max(k => magnitude[k]);
        var floor = magnitude.OrderBy(m => m).ElementAt(magnitude.Length / 2);

        Assert.True(Peak(880) > 1000 * floor);
        Assert.True(Peak(880 * 2.01) > 100 * floor);
        Assert.True(Peak(880 * 3.02) > 100 * floor);
        Assert.True(Peak(1300) < Peak(880) / 100, "no energy between the partials");
    }

    [Fact]
    public void ARiserRisesInPitchAndLevel()
    {
        var mono = Mono(Get("riser"));
        double Rms(double from, double to) => Math.Sqrt(mono.Skip((int)(from * Dsp.Rate)).Take((int)((to - from) * Dsp.Rate)).Average(v => (double)v * v));

        Assert.True(Centroid(mono, 1, 2) < Centroid(mono, 8.5, 9.5) / 2);
        Assert.True(Rms(1, 2) < Rms(8.5, 9.5) / 3);
    }

    [Fact]
    public void AnImpactIsMostlyLowFrequency()
    {
        Assert.True(Centroid(Mono(Get("impact-bass-1")), 0.05, 1.0) < 400);
    }

    [Theory]
    [InlineData("whoosh", "whoosh", 100)]
    [InlineData("Whoosh!", "whoosh", 100)]
    [InlineData("swoosh", "whoosh", 90)]
    [InlineData("boom", "boom", 100)]
    [InlineData("bang", "boom", 90)]
    [InlineData("money bell", "cash-register", 0)]
    [InlineData("camera snap", "camera-shutter", 0)]
    [InlineData("glitch", "glitch-1", 50)]
    public void SearchRanksExactNamesThenSynonymsThenMeaning(string query, string first, int score)
    {
        var matches = SfxLibrary.Search(query);

        Assert.Equal(first, matches[0].Recipe.Name);
        if (score > 0)
        {
            Assert.Equal(score, matches[0].Score);
        }
    }

    [Fact]
    public void SearchBreaksTiesByName()
    {
        var glitches = SfxLibrary.Search("glitch").Where(m => m.Score == 50).Select(m => m.Recipe.Name).ToList();

        Assert.Equal(["glitch-1", "glitch-2", "glitch-3"], glitches);
        Assert.Empty(SfxLibrary.Search("xylophone quartet"));
        Assert.Empty(SfxLibrary.Search("  ?! "));
    }

    [Fact]
    public void RenderedFilesAreCachedByNameSeedAndVersion()
    {
        using var home = new Support.TempHome();
        var recipe = SfxLibrary.Find("pop")!;

        var first = SfxLibrary.Cached(recipe, 3, home.Environment);
        var written = File.GetLastWriteTimeUtc(first);
        var second = SfxLibrary.Cached(recipe, 3, home.Environment);

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second));
        Assert.Equal(Path.Combine(home.Root, ".cache", "mediagate", "sfx", $"pop.s3.v{SfxLibrary.CatalogVersion}.wav"), first);
    }
}

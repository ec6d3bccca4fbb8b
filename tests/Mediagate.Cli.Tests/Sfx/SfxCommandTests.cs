using System.Text.Json.Nodes;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Sfx;

public sealed class SfxCommandTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task RenderWritesA48kStereoWavAndTheSameSeedGivesTheSameBytes()
    {
        var a = Path.Combine(_home.Root, "a.wav");
        var b = Path.Combine(_home.Root, "b.wav");

        var first = await CliRunner.RunAsync(_home.Environment, "sfx", "render", "chime", "-o", a, "--seed", "4");
        var second = await CliRunner.RunAsync(_home.Environment, "sfx", "render", "Chime", "-o", b, "--seed", "4", "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        using var reader = Mediagate.Audio.WavReader.Open(a);
        Assert.Equal((48000, 2), (reader.SampleRate, reader.Channels));
        var sound = JsonNode.Parse(second.Out)!["sounds"]![0]!;
        Assert.Equal("chime", (string?)sound["name"]);
        Assert.Equal(2.5, (double)sound["duration"]!);
        Assert.NotNull((string?)sound["placement"]);
    }

    [Fact]
    public async Task RenderAllWritesEverySound()
    {
        var run = await CliRunner.RunAsync(_home.Environment, "sfx", "render", "--all", "-o", _home.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.True(Directory.GetFiles(_home.Root, "*.wav").Length >= 40);
    }

    [Theory]
    [InlineData(new[] { "sfx", "render", "whosh", "-o", "{dir}/x.wav" }, 2, "there is no sound \"whosh\"; did you mean whoosh")]
    [InlineData(new[] { "sfx", "render", "-o", "{dir}/x.wav" }, 2, "give a name")]
    [InlineData(new[] { "sfx", "render", "chime", "--all", "-o", "{dir}" }, 2, "not both")]
    [InlineData(new[] { "sfx", "render", "chime", "-o", "{dir}/missing/x.wav" }, 1, "does not exist")]
    [InlineData(new[] { "sfx", "render", "--all", "-o", "{dir}/missing" }, 1, "does not exist")]
    [InlineData(new[] { "sfx", "search", "xylophone quartet" }, 1, "no sound matches")]
    public async Task BadInputGetsAClearErrorAndLeavesNoFile(string[] args, int exitCode, string message)
    {
        var run = await CliRunner.RunAsync(_home.Environment, args.Select(a => a.Replace("{dir}", _home.Root, StringComparison.Ordinal)).ToArray());

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Empty(Directory.GetFiles(_home.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task TheCatalogueListsEverySoundWithItsPicture()
    {
        var run = await CliRunner.RunAsync(_home.Environment, "sfx", "catalogue", "-o", _home.Root);

        Assert.Equal(0, run.ExitCode);
        var page = File.ReadAllText(Path.Combine(_home.Root, "sfx.md"));
        foreach (var recipe in Mediagate.Local.Sfx.SfxLibrary.Recipes)
        {
            Assert.Contains($"| ![{recipe.Name}](sfx/{recipe.Name}.png) | `{recipe.Name}` |", page);
            Assert.True(new FileInfo(Path.Combine(_home.Root, "sfx", recipe.Name + ".png")).Length > 1000);
        }
    }

    [Fact]
    public async Task SearchPrintsScores()
    {
        var run = await CliRunner.RunAsync(_home.Environment, "sfx", "search", "swoosh");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("  90  whoosh ", run.Out);
    }

    [Fact]
    public async Task ListJsonIsTheManifest()
    {
        var run = await CliRunner.RunAsync(_home.Environment, "sfx", "list", "--json");

        var riser = JsonNode.Parse(run.Out)!.AsArray().Single(s => (string?)s!["name"] == "riser")!;
        Assert.Equal(10.03, (double)riser["duration"]!);
        Assert.Contains("ends on the cut", (string?)riser["placement"]);
        Assert.Contains("build", riser["tags"]!.AsArray().Select(t => (string?)t));
    }
}

using System.Text.Json.Nodes;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Sfx;

public sealed class MusicCommandTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private static readonly Mediagate.Capabilities.LocalEngines Engines = Mediagate.Capabilities.LocalEngines.System;

    [Fact]
    public async Task MusicWritesATrackAndItsMidiAndReportsJson()
    {
        var wav = Path.Combine(_home.Root, "bgm.wav");
        var mid = Path.Combine(_home.Root, "bgm.mid");

        var run = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = Engines }, "music", "-p", "ambient", "-d", "6", "-o", wav, "--midi", mid, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("ambient", (string?)json["style"]);
        Assert.Equal(6.0, (double)json["durationSeconds"]!);
        using var reader = Mediagate.Audio.WavReader.Open(wav);
        Assert.Equal((48000, 2), (reader.SampleRate, reader.Channels));
        Assert.Equal("MThd", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(mid), 0, 4));
    }

    [Theory]
    [InlineData(new[] { "music", "-d", "-1", "-o", "{dir}/t.wav" }, 2, "out of range")]
    [InlineData(new[] { "music", "-d", "5", "--key", "Q#", "-o", "{dir}/t.wav" }, 2, "is not a key")]
    [InlineData(new[] { "music", "-d", "5", "-o", "{dir}/no/such/t.wav" }, 1, "does not exist")]
    public async Task BadInputGetsAClearErrorAndLeavesNoFile(string[] args, int exitCode, string message)
    {
        var run = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = Engines }, args.Select(a => a.Replace("{dir}", _home.Root, StringComparison.Ordinal)).ToArray());

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Empty(Directory.GetFiles(_home.Root, "*", SearchOption.AllDirectories));
    }
}

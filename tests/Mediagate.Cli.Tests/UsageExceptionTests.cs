using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli;

/// <summary>Bad input files exit 1 and say what is wrong with them; a bad value exits 2 with the fix its <see cref="UsageException"/> carries.</summary>
public sealed class UsageExceptionTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private string PathIn(string name) => Path.Combine(_home.Root, name);

    private string WavWithFmtSize(uint size)
    {
        using var buffer = new MemoryStream();
        var writer = new WavWriter(buffer, 16000, 1);
        writer.Write(new float[16000]);
        writer.Complete();
        var bytes = buffer.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), size);
        var path = PathIn("bad.wav");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task AlignOnAWavWithADamagedFormatChunkExitsOneSayingWhatIsWrong()
    {
        var run = await CliRunner.RunAsync(_home.Environment, "align", WavWithFmtSize(8), "--text-string", "the words");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: {PathIn("bad.wav")} is not a valid WAV: its format (fmt) chunk is 8 bytes; one is 16 to 1024", run.Error);
        Assert.Contains("fix: give a WAV or MP3 file", run.Error);
        Assert.DoesNotContain("Specified argument", run.Error);
        Assert.DoesNotContain("give the words that are spoken", run.Error);
    }

    [Fact]
    public async Task AlignOnAWavWithAnAbsurdFormatChunkReportsItInJson()
    {
        var run = await CliRunner.RunAsync(_home.Environment, "align", WavWithFmtSize(uint.MaxValue), "--text-string", "the words", "--json");

        Assert.Equal(1, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.False((bool)json["ok"]!);
        Assert.Contains("is not a valid WAV: its format (fmt) chunk is 4294967295 bytes", (string)json["error"]!);
        Assert.StartsWith("give a WAV or MP3 file", (string)json["hint"]!);
    }

    [Fact]
    public async Task AlignOnADamagedMp3ExitsOneSayingItIsNotAValidMp3()
    {
        var path = PathIn("bad.mp3");
        File.WriteAllBytes(path, [.. "ID3"u8, 3, 0, 0, 0, 0, 0, 10, .. Enumerable.Range(0, 64).Select(i => (byte)(i * 7))]);

        var run = await CliRunner.RunAsync(_home.Environment, "align", path, "--text-string", "the words");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: {path} is not a valid MP3: ", run.Error);
        Assert.Contains("fix: give a WAV or MP3 file", run.Error);
    }

    [Fact]
    public async Task AnUnknownMusicKeyExitsTwoWithTheFixItCarries()
    {
        var run = await CliRunner.RunAsync(_home.Environment, new CliOptions { Engines = Mediagate.Capabilities.LocalEngines.System },
            "music", "-d", "5", "--key", "H", "-o", PathIn("t.wav"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: \"H\" is not a key; use a note A–G", run.Error);
        Assert.Contains("fix: give a key such as --key C, --key F#m or --key \"Bb minor\"", run.Error);
        Assert.DoesNotContain("(Parameter", run.Error);
        Assert.False(File.Exists(PathIn("t.wav")));
    }
}

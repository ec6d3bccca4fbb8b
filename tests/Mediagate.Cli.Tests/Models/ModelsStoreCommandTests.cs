using System.Text.Json.Nodes;
using Mediagate.Models;
using Mediagate.Platform;

namespace Mediagate.Cli.Tests.Models;

public sealed class ModelsStoreCommandTests
{
    [Fact]
    public async Task ListShowsWhatIsKnownAndInstalledWithSizesLicencesAndTheFix()
    {
        await using var fx = await ModelsFixture.StartAsync();
        Assert.Equal(0, (await fx.RunAsync("pull", "tiny")).ExitCode);

        var text = await fx.RunAsync("list");
        var json = JsonNode.Parse((await fx.RunAsync("list", "--json")).Out)!;

        Assert.Equal(0, text.ExitCode);
        Assert.Equal($"""
            Models directory: {fx.Directory} (from MEDIAGATE_MODELS_DIR)
            ✓ tiny: ready, 0.2 MiB, Apache-2.0. A test model
                ✓ model.onnx                     200,000 bytes  Apache-2.0  verified
                ✓ voices.bin                      50,000 bytes  Apache-2.0  verified
            ! tiny-fp32: not usable, 0.3 MiB, Apache-2.0. A bigger test model
                X big.onnx                       300,000 bytes  Apache-2.0  not installed
                ✓ voices.bin                      50,000 bytes  Apache-2.0  verified
                model tiny-fp32 is not usable (big.onnx is missing): run `mediagate models pull tiny-fp32`

            """, text.Out);
        Assert.Equal(fx.Directory, (string)json["directory"]!);
        Assert.Equal("MEDIAGATE_MODELS_DIR", (string)json["directory_source"]!);
        var tiny = json["models"]![0]!;
        Assert.True((bool)tiny["ready"]!);
        Assert.Equal(250_000, (long)tiny["size"]!);
        Assert.Equal(fx.Manifest.Models[0].Files[0].Sha256, (string)tiny["files"]![0]!["sha256"]!);
        Assert.False((bool)json["models"]![1]!["ready"]!);
        Assert.Equal("missing", (string)json["models"]![1]!["files"]![0]!["status"]!);
    }

    [Fact]
    public async Task AddImportsAGoodFileCopiedByHandAndRefusesABadOne()
    {
        await using var fx = await ModelsFixture.StartAsync();
        var downloads = Path.Combine(fx.Home.Root, "Downloads");
        Directory.CreateDirectory(downloads);
        File.WriteAllBytes(Path.Combine(downloads, "model.onnx"), fx.Server.Files["model.onnx"]);
        File.WriteAllBytes(Path.Combine(downloads, "renamed.bin"), fx.Server.Files["voices.bin"]);
        File.WriteAllBytes(Path.Combine(downloads, "bad.onnx"), ModelServer.Generated(7, 300_000));

        var good = await fx.RunAsync("add", "tiny", Path.Combine(downloads, "model.onnx"), Path.Combine(downloads, "renamed.bin"));
        var bad = await fx.RunAsync("add", "tiny-fp32", Path.Combine(downloads, "bad.onnx"));
        var wrongSize = await fx.RunAsync("add", "tiny", Path.Combine(downloads, "bad.onnx"));

        Assert.Equal(0, good.ExitCode);
        Assert.Contains($"✓ voices.bin: size and SHA-256 verified → {fx.PathOf("voices.bin")}", good.Out);
        Assert.True(fx.Store.Check("tiny").IsReady);
        Assert.Empty(fx.Server.Requests);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("big.onnx from", bad.Error);
        Assert.Contains("it was not installed", bad.Error);
        Assert.False(File.Exists(fx.PathOf("big.onnx")));
        Assert.Equal(1, wrongSize.ExitCode);
        Assert.Contains("is 300,000 bytes, which is none of tiny's files: model.onnx (200,000 bytes), voices.bin (50,000 bytes)", wrongSize.Error);
        Assert.Equal(["model.onnx", "model.onnx.verified", "voices.bin", "voices.bin.verified"],
            Directory.GetFiles(fx.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task VerifyRehashesAndNamesACorruptedFileAndItsFix()
    {
        await using var fx = await ModelsFixture.StartAsync();
        Assert.Equal(0, (await fx.RunAsync("pull", "tiny")).ExitCode);
        Assert.Equal(0, (await fx.RunAsync("verify")).ExitCode);
        var path = fx.PathOf("model.onnx");
        var stamp = File.GetLastWriteTimeUtc(path);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = 1234;
            stream.WriteByte(0x42 ^ 0xFF);
        }
        File.SetLastWriteTimeUtc(path, stamp);

        var run = await fx.RunAsync("verify", "tiny");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("X model.onnx: SHA-256 does not match the pin", run.Out);
        Assert.Contains("✓ voices.bin: verified", run.Out);
        Assert.Contains($"error: {path}: SHA-256 does not match the pin; it is not used", run.Error);
        Assert.Contains("fix: mediagate models pull tiny (downloads it again)", run.Error);
        Assert.Null(fx.Store.VerifiedPath("model.onnx"));
        Assert.False(fx.Store.Check("tiny").IsReady);

        var repaired = await fx.RunAsync("pull", "tiny");

        Assert.Equal(0, repaired.ExitCode);
        Assert.Equal(fx.Server.Files["model.onnx"], File.ReadAllBytes(path));
    }

    [Fact]
    public async Task AFileThatChangedSinceItWasHashedIsUnverifiedUntilVerifyRuns()
    {
        await using var fx = await ModelsFixture.StartAsync();
        Assert.Equal(0, (await fx.RunAsync("pull", "tiny")).ExitCode);
        File.SetLastWriteTimeUtc(fx.PathOf("voices.bin"), DateTime.UtcNow.AddMinutes(-5));

        var state = fx.Store.Check("tiny");

        Assert.Equal(ModelFileStatus.Unverified, state.Files[1].Status);
        Assert.Equal("model tiny is not usable (voices.bin is not verified): run `mediagate models verify tiny`", state.Reason);
        Assert.Equal(0, (await fx.RunAsync("verify", "tiny")).ExitCode);
        Assert.True(fx.Store.Check("tiny").IsReady);
    }

    [Fact]
    public async Task RmKeepsAFileAnotherInstalledModelStillUses()
    {
        await using var fx = await ModelsFixture.StartAsync();
        Assert.Equal(0, (await fx.RunAsync("pull", "tiny")).ExitCode);
        Assert.Equal(0, (await fx.RunAsync("pull", "tiny-fp32")).ExitCode);

        var first = await fx.RunAsync("rm", "tiny");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal($"✓ Removed {fx.PathOf("model.onnx")}\n  Kept voices.bin: tiny-fp32 uses it too\n", first.Out);
        Assert.True(fx.Store.Check("tiny-fp32").IsReady);

        var second = await fx.RunAsync("rm", "tiny-fp32", "--json");

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(2, JsonNode.Parse(second.Out)!["removed"]!.AsArray().Count);
        Assert.Empty(Directory.GetFiles(fx.Directory));
    }

    [Fact]
    public void TheModelsDirectoryComesFromMediagateModelsDirThenXdgDataHomeThenHome()
    {
        var home = "/home/someone";
        Assert.Equal(new ModelsDirectory("/srv/models", "MEDIAGATE_MODELS_DIR"), ModelsDirectory.From(EnvironmentVariables.From(
            new Dictionary<string, string> { ["MEDIAGATE_MODELS_DIR"] = "/srv/models", ["XDG_DATA_HOME"] = "/data" }, home)));
        Assert.Equal(new ModelsDirectory("/data/mediagate/models", "XDG_DATA_HOME"), ModelsDirectory.From(EnvironmentVariables.From(
            new Dictionary<string, string> { ["XDG_DATA_HOME"] = "/data" }, home)));
        Assert.Equal(new ModelsDirectory("/home/someone/.local/share/mediagate/models", "default"), ModelsDirectory.From(EnvironmentVariables.From(
            new Dictionary<string, string>(), home)));
    }

    [Fact]
    public void TheBuiltInManifestPinsTheKokoroV1ReleaseFiles()
    {
        var kokoro = ModelManifest.BuiltIn.Find("kokoro")!;
        var fp32 = ModelManifest.BuiltIn.Find("kokoro-fp32")!;

        Assert.Equal([("kokoro-v1.0.int8.onnx", 92_361_271L), ("voices-v1.0.bin", 28_214_398L)], kokoro.Files.Select(f => (f.FileName, f.Size)));
        Assert.Equal([("kokoro-v1.0.onnx", 325_532_387L), ("voices-v1.0.bin", 28_214_398L)], fp32.Files.Select(f => (f.FileName, f.Size)));
        Assert.Equal("https://github.com/thewh1teagle/kokoro-onnx/releases/download/model-files-v1.0/kokoro-v1.0.int8.onnx", kokoro.Files[0].Url.ToString());
        Assert.Equal("6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb", kokoro.Files[0].Sha256);
        Assert.Equal("7d5df8ecf7d4b1878015a32686053fd0eebe2bc377234608764cc0ef3636a6c5", fp32.Files[0].Sha256);
        Assert.Equal("bca610b8308e8d99f32e6fe4197e7ec01679264efed0cac9140fe9c29f1fbf7d", kokoro.Files[1].Sha256);
        Assert.All(ModelManifest.BuiltIn.AllFiles, f => Assert.Equal("Apache-2.0", f.Licence));
        Assert.Equal(new Uri("https://mirror.example/ml/voices-v1.0.bin"), kokoro.Files[1].Source(new Uri("https://mirror.example/ml")));
    }
}

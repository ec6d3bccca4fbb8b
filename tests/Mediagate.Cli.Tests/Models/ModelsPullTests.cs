using System.Diagnostics;
using Mediagate.Tests.Support;
using System.Text.Json.Nodes;

namespace Mediagate.Cli.Tests.Models;

public sealed class ModelsPullTests
{
    [Fact]
    public async Task PullDownloadsEveryFileChecksItAndTheStoreReportsTheVerifiedPaths()
    {
        await using var fx = await ModelsFixture.StartAsync();
        Assert.Equal("model not installed: run `mediagate models pull tiny`", fx.Store.Check("tiny").Reason);

        var run = await fx.RunAsync("pull", "tiny", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var json = JsonNode.Parse(run.Out)!;
        Assert.True((bool)json["ok"]!);
        Assert.All(json["files"]!.AsArray(), f => Assert.Equal("verified", (string)f!["status"]!));
        Assert.Equal(fx.Server.Files["model.onnx"], File.ReadAllBytes(fx.PathOf("model.onnx")));
        Assert.Equal(fx.Server.Files["voices.bin"], File.ReadAllBytes(fx.PathOf("voices.bin")));
        Assert.False(File.Exists(fx.PathOf("model.onnx.part")));
        var state = fx.Store.Check("tiny");
        Assert.True(state.IsReady);
        Assert.Equal(fx.PathOf("model.onnx"), state.PathOf("model.onnx"));
        Assert.Equal(fx.PathOf("voices.bin"), fx.Store.VerifiedPath("voices.bin"));
        Assert.Null(fx.Store.VerifiedPath("big.onnx"));
    }

    [Fact]
    public async Task ASecondPullDownloadsNothing()
    {
        await using var fx = await ModelsFixture.StartAsync();
        Assert.Equal(0, (await fx.RunAsync("pull", "tiny")).ExitCode);
        var requests = fx.Server.Requests.Count;

        var run = await fx.RunAsync("pull", "tiny");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(requests, fx.Server.Requests.Count);
        Assert.Contains("✓ model.onnx: already installed", run.Out);
    }

    [Fact]
    public async Task PullFollowsTheRedirectThatGitHubReleaseDownloadsAnswer()
    {
        await using var fx = await ModelsFixture.StartAsync(prefix: "redirect");

        var run = await fx.RunAsync("pull", "tiny");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(fx.Server.Requests, r => r.Path == "/redirect/model.onnx");
        Assert.Contains(fx.Server.Requests, r => r.Path == "/files/model.onnx");
        Assert.True(fx.Store.Check("tiny").IsReady);
    }

    [Fact]
    public async Task AMirrorServesTheSameFileNamesUnderItsBase()
    {
        await using var fx = await ModelsFixture.StartAsync(prefix: "nowhere");
        fx.Home.Variables["MEDIAGATE_MODELS_URL"] = new Uri(fx.Server.BaseUrl, "mirror/").ToString();

        var run = await fx.RunAsync("pull", "tiny");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(fx.Server.Requests, r => r.Path.StartsWith("/nowhere", StringComparison.Ordinal));
        Assert.Contains(fx.Server.Requests, r => r.Path == "/mirror/voices.bin");
    }

    [Fact]
    public async Task APullCutOffMidBodyKeepsItsPartAndTheNextPullResumesWithRange()
    {
        await using var fx = await ModelsFixture.StartAsync();
        fx.Server.DropOnceAfter = 100_000;

        var first = await fx.RunAsync("pull", "tiny");

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("error: the download of model.onnx was interrupted after", first.Error);
        Assert.Contains("fix: run the same command again: it resumes from where it stopped", first.Error);
        Assert.False(File.Exists(fx.PathOf("model.onnx")));
        var kept = new FileInfo(fx.PathOf("model.onnx.part")).Length;
        Assert.InRange(kept, 1, 100_000);
        Assert.Contains("partly downloaded", (await fx.RunAsync("list")).Out);

        var second = await fx.RunAsync("pull", "tiny", "--json");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains(fx.Server.Requests, r => r.Path == "/files/model.onnx" && r.Range == $"bytes={kept}-");
        Assert.Equal(kept, (long)JsonNode.Parse(second.Out)!["files"]![0]!["resumed_from"]!);
        Assert.Equal(fx.Server.Files["model.onnx"], File.ReadAllBytes(fx.PathOf("model.onnx")));
        Assert.True(fx.Store.Check("tiny").IsReady);
    }

    [Fact]
    public async Task AServerWithoutRangeSupportMakesThePullStartAgainFromZero()
    {
        await using var fx = await ModelsFixture.StartAsync();
        Directory.CreateDirectory(fx.Directory);
        File.WriteAllBytes(fx.PathOf("model.onnx.part"), fx.Server.Files["model.onnx"][..60_000]);
        fx.Server.SupportsRange = false;

        var run = await fx.RunAsync("pull", "tiny");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ignored the Range request, so model.onnx was downloaded again from the start", run.Error);
        Assert.Equal(fx.Server.Files["model.onnx"], File.ReadAllBytes(fx.PathOf("model.onnx")));
    }

    [Fact]
    public async Task AFileWithTheWrongHashIsNeverInstalledNorLeftBehind()
    {
        await using var fx = await ModelsFixture.StartAsync();
        fx.Server.Served["model.onnx"] = ModelServer.Generated(99, 200_000);

        var run = await fx.RunAsync("pull", "tiny");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("model.onnx from http://127.0.0.1:", run.Error);
        Assert.Contains("not the pinned", run.Error);
        Assert.Contains("it was not installed", run.Error);
        Assert.False(File.Exists(fx.PathOf("model.onnx")));
        Assert.False(File.Exists(fx.PathOf("model.onnx.part")));
        Assert.False(fx.Store.Check("tiny").IsReady);
    }

    [Fact]
    public async Task AFileOfTheWrongSizeIsRefusedBeforeItIsWritten()
    {
        await using var fx = await ModelsFixture.StartAsync();
        fx.Server.Served["model.onnx"] = fx.Server.Files["model.onnx"][..150_000];

        var run = await fx.RunAsync("pull", "tiny", "--json");

        Assert.Equal(1, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.False((bool)json["ok"]!);
        Assert.Contains("serves 150,000 bytes for model.onnx, not the pinned 200,000", (string)json["error"]!);
        Assert.Contains("MEDIAGATE_MODELS_URL", (string)json["hint"]!);
        Assert.False(File.Exists(fx.PathOf("model.onnx")));
        Assert.False(File.Exists(fx.PathOf("model.onnx.part")));
    }

    [Fact]
    public async Task A404FromAMirrorSaysWhichFileIsMissingAndHowToFixIt()
    {
        await using var fx = await ModelsFixture.StartAsync();
        fx.Home.Variables["MEDIAGATE_MODELS_URL"] = new Uri(fx.Server.BaseUrl, "empty/").ToString();

        var run = await fx.RunAsync("pull", "tiny");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: {fx.Server.BaseUrl}empty/model.onnx answered 404 Not Found: there is no model.onnx there", run.Error);
        Assert.Contains("fix: copy model.onnx to the mirror", run.Error);
        Assert.Contains("or unset MEDIAGATE_MODELS_URL", run.Error);
    }

    [Fact]
    public async Task ASlowServerShowsABarOnATerminalAndFinishes()
    {
        await using var fx = await ModelsFixture.StartAsync();
        fx.Server.ChunkDelay = TimeSpan.FromMilliseconds(15);

        var run = await fx.RunAsync(new CliOptions { OutputIsTerminal = true }, "pull", "tiny");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\rmodel.onnx [", run.Error);
        Assert.Contains(" 100.0%", run.Error);
        Assert.True(fx.Store.Check("tiny").IsReady);
    }

    [Fact]
    public async Task AServerThatStallsIsGivenUpAfterTheHttpTimeoutAndThePartIsKept()
    {
        await using var fx = await ModelsFixture.StartAsync();
        fx.Server.StallAfter = 70_000;
        fx.Home.Variables["MEDIAGATE_HTTP_TIMEOUT"] = "1";
        var clock = Stopwatch.StartNew();

        var run = await fx.RunAsync("pull", "tiny");

        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 10);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("sent nothing for 1 s while downloading model.onnx (70,000 of 200,000 bytes kept)", run.Error);
        Assert.Contains("raise MEDIAGATE_HTTP_TIMEOUT", run.Error);
        Assert.Equal(70_000, new FileInfo(fx.PathOf("model.onnx.part")).Length);
    }

    [Fact]
    public async Task AnUnknownModelIsAUsageError()
    {
        await using var fx = await ModelsFixture.StartAsync();

        var run = await fx.RunAsync("pull", "tiny-fp3");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("there is no model \"tiny-fp3\"", run.Error);
    }
}

using Mediagate.Models;

namespace Mediagate.Cli.Tests.Models;

/// <summary>A full disk, simulated: no tiny tmpfs can be mounted here, so the part file is a stream that fails as ENOSPC does.</summary>
public sealed class ModelsDiskFullTests
{
    private sealed class FullDiskStream(long room) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Length + buffer.Length > room)
            {
                throw new IOException("No space left on device", 28);
            }
            base.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task ADiskThatFillsMidDownloadGetsAClearErrorAndNoPartIsLeft()
    {
        await using var fx = await ModelsFixture.StartAsync();
        var options = new ModelDownloadOptions { OpenPart = path => { File.WriteAllBytes(path, []); return new FullDiskStream(64_000); } };

        var failure = await Assert.ThrowsAsync<ModelException>(() =>
            new ModelDownloader(fx.Http, fx.Store, options).PullAsync("tiny", null, CancellationToken.None));

        Assert.StartsWith($"the disk holding {fx.Directory} is full", failure.Message);
        Assert.Contains("set MEDIAGATE_MODELS_DIR to a directory on a larger disk", failure.Fix);
        Assert.False(File.Exists(fx.PathOf("model.onnx.part")));
        Assert.False(File.Exists(fx.PathOf("model.onnx")));
    }

    [Fact]
    public async Task TooLittleFreeSpaceIsRefusedBeforeAnyByteIsFetched()
    {
        await using var fx = await ModelsFixture.StartAsync();
        var options = new ModelDownloadOptions { FreeSpace = _ => 10_000 };

        var failure = await Assert.ThrowsAsync<ModelException>(() =>
            new ModelDownloader(fx.Http, fx.Store, options).PullAsync("tiny", null, CancellationToken.None));

        Assert.Equal($"the disk holding {fx.Directory} has 10,000 bytes free; model.onnx needs 200,000 more", failure.Message);
        Assert.Empty(fx.Server.Requests);
    }
}

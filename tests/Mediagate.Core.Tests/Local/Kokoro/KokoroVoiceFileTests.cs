using System.IO.Compression;
using Mediagate.Local.Kokoro;
using Xunit;

namespace Mediagate.Core.Tests.Local.Kokoro;

public sealed class KokoroVoiceFileTests
{
    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Optimal)]
    public void ReadsEveryVoiceOfAnNpzArchiveRowByRow(CompressionLevel level)
    {
        using var dir = new KokoroFixtures.TempDir();
        var heart = KokoroFixtures.RowMarkedVoice();
        var george = heart.Select(v => -v).ToArray();
        KokoroFixtures.WriteNpz(dir.File("voices-v1.0.bin"), new Dictionary<string, float[]> { ["af_heart"] = heart, ["bm_george"] = george }, level);

        var file = KokoroVoiceFile.Open(dir.File("voices-v1.0.bin"));

        Assert.Equal(["af_heart", "bm_george"], file.Names);
        Assert.Equal(0.1f + 7 / 1000f, file.Load("af_heart").StyleFor(7)[255]);
        Assert.Equal(-(0.1f + 509 / 1000f), file.Load("bm_george").StyleFor(509)[0]);
    }

    [Fact]
    public void ReadsARawVoiceFileAndAFolderOfThem()
    {
        using var dir = new KokoroFixtures.TempDir();
        KokoroFixtures.WriteRaw(dir.File("af_bella.bin"), KokoroFixtures.RowMarkedVoice());
        KokoroFixtures.WriteRaw(dir.File("am_adam.bin"), new float[KokoroVoiceTable.Rows * KokoroVoiceTable.StyleSize]);
        File.WriteAllText(dir.File("notes.bin"), "not a voice");

        Assert.Equal(["af_bella", "am_adam"], KokoroVoiceFile.Open(dir.Path).Names);
        Assert.Equal(0.1f + 42 / 1000f, KokoroVoiceFile.Open(dir.Path).Load("af_bella").StyleFor(42)[3]);
        Assert.Equal(["af_bella"], KokoroVoiceFile.Open(dir.File("af_bella.bin")).Names);
    }

    [Fact]
    public void RefusesAFileOfNeitherForm()
    {
        using var dir = new KokoroFixtures.TempDir();
        File.WriteAllText(dir.File("voices.bin"), "hello");

        var error = Assert.Throws<InvalidDataException>(() => KokoroVoiceFile.Open(dir.File("voices.bin")));
        Assert.Contains("neither a Kokoro voices archive (.npz) nor a raw voice of 522,240 bytes", error.Message);
    }

    [Fact]
    public void RefusesAnNpyArrayThatIsNotFloat32()
    {
        var npy = KokoroFixtures.Npy([1f, 2f], 2);
        npy[npy.AsSpan().IndexOf("<f4"u8) + 2] = (byte)'8';
        var error = Assert.Throws<InvalidDataException>(() => NpyReader.ReadFloat32(new MemoryStream(npy)));
        Assert.Contains("'<f8', not little-endian float32", error.Message);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(57, 57)]
    [InlineData(509, 509)]
    [InlineData(510, 509)]
    [InlineData(4000, 509)]
    public void TheStyleRowIsTheTokenCountCappedAt509(int tokens, int row)
    {
        Assert.Equal(row, KokoroVoiceTable.RowFor(tokens));
        var table = new KokoroVoiceTable("af_heart", KokoroFixtures.RowMarkedVoice());
        Assert.Equal(0.1f + row / 1000f, table.StyleFor(tokens)[0]);
    }
}

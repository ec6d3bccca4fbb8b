using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using Mediagate.Soundtrack;

namespace Mediagate.Tests.Soundtrack;

public sealed class SoundtrackCacheTests
{
    [Fact]
    public void TheVersionIsTheModuleVersionIdWrittenInTheCoreAssemblyFile()
    {
        // Read from the file on disk, not from the loaded module, so the test sees what the build wrote.
        using var pe = new PEReader(File.OpenRead(typeof(SoundtrackCache).Assembly.Location));
        var metadata = pe.GetMetadataReader();
        var mvid = metadata.GetGuid(metadata.GetModuleDefinition().Mvid);

        Assert.Equal(mvid.ToString("N"), SoundtrackCache.Version);
        Assert.NotEqual(Guid.Empty, mvid);
    }

    [Fact]
    public void TheKeyIsTheHashOfTheVersionAndTheParts()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"v{SoundtrackCache.Version}|5:voice|2:hi|-1:")));

        Assert.Equal(expected, SoundtrackCache.Key("voice", "hi", null));
    }

    [Fact]
    public void AnotherBuildGetsAnotherKeyForTheSameParts()
    {
        var ours = SoundtrackCache.Key("music", "calm", "30");

        Assert.Equal(ours, SoundtrackCache.Key(SoundtrackCache.Version, ["music", "calm", "30"]));
        Assert.NotEqual(ours, SoundtrackCache.Key("1", ["music", "calm", "30"]));
        Assert.NotEqual(ours, SoundtrackCache.Key(Guid.NewGuid().ToString("N"), ["music", "calm", "30"]));
    }
}

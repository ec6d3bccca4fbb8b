using Mediagate.Platform;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Platform;

/// <summary>The project <c>.env</c>: the peer 0.8.170's loadEnvFromDir rules for parsing and for the walk-up.</summary>
public sealed class DotEnvFileTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    private string Dir(params string[] parts)
    {
        var path = Path.Combine([_home.Root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public void ParsingKeepsThePeersRules()
    {
        var values = DotEnvFile.Parse("""
            # comment
              export HEYGEN_API_KEY = "sk_V2_quoted" # a comment after the quote is cut
            SINGLE='it''s'
            UNQUOTED=abc # kept: no inline-comment stripping
            EMPTY=
            OPEN="no closing quote
            not a line
            =novalue
            9BAD=x
            DUP=first
            DUP=second
            WINDOWS=crlf
            """.Replace("WINDOWS=crlf", "WINDOWS=crlf\r"));

        Assert.Equal(new Dictionary<string, string>
        {
            ["HEYGEN_API_KEY"] = "sk_V2_quoted",
            ["SINGLE"] = "it",
            ["UNQUOTED"] = "abc # kept: no inline-comment stripping",
            ["EMPTY"] = "",
            ["OPEN"] = "\"no closing quote",
            ["DUP"] = "first",
            ["WINDOWS"] = "crlf",
        }, values);
    }

    [Theory]
    [InlineData("HEYGEN_API_BASE", true)]
    [InlineData("HEYGEN_ALLOW_HTTP", true)]
    [InlineData("HEYGEN_API_URL", true)]
    [InlineData("ELEVENLABS_API_URL", true)]
    [InlineData("HEYGEN_API_KEY", false)]
    [InlineData("HEYGEN_ACCESS_TOKEN", false)]
    [InlineData("HEYGEN_CONFIG_DIR", false)]
    public void AFileMaySupplySecretsButNeverWhereTheyAreSent(string name, bool refused)
    {
        Assert.Equal(refused, DotEnvFile.NeverFromFile(name));
    }

    [Fact]
    public void TheWalkChecksTheStartAndFourParentsAndTakesTheNearestFileOnly()
    {
        var start = Dir("a", "b", "c", "d", "e");
        File.WriteAllText(Path.Combine(_home.Root, "a", "b", ".env"), "FROM=b\nONLY_B=1\n");
        File.WriteAllText(Path.Combine(_home.Root, "a", "b", "c", ".env"), "FROM=c\n");

        var search = DotEnvFile.Search(start);

        Assert.Equal(Path.Combine(_home.Root, "a", "b", "c", ".env"), search.File!.Path);
        Assert.Equal(new Dictionary<string, string> { ["FROM"] = "c" }, search.File.Values);
    }

    [Fact]
    public void AFileFiveParentsUpIsOutOfReach()
    {
        var start = Dir("a", "b", "c", "d", "e");
        File.WriteAllText(Path.Combine(_home.Root, "a", "b", "c", "d", "e", "..", "..", "..", "..", ".env"), "FOUND=4 up\n");
        Assert.Equal("4 up", DotEnvFile.Search(start).File!.Values["FOUND"]);

        File.Delete(Path.Combine(_home.Root, "a", ".env"));
        File.WriteAllText(Path.Combine(_home.Root, ".env"), "FOUND=5 up\n");
        Assert.Null(DotEnvFile.Search(start).File);
    }

    [Fact]
    public void ADirectoryCalledDotEnvCountsAsAbsent()
    {
        var start = Dir("project");
        Dir("project", ".env");
        File.WriteAllText(Path.Combine(_home.Root, ".env"), "FOUND=parent\n");

        Assert.Equal("parent", DotEnvFile.Search(start).File!.Values["FOUND"]);
    }

    [Fact]
    public void TheLayerFillsOnlyUnsetVariablesAndALaterLayerReplacesTheFirst()
    {
        var one = Dir("one");
        var two = Dir("two");
        File.WriteAllText(Path.Combine(one, ".env"), "A=from-one\nB=from-one\n");
        File.WriteAllText(Path.Combine(two, ".env"), "B=from-two\n");
        _home.Variables["A"] = "from-shell";

        var first = _home.Environment.WithDotEnvFrom(one);
        var second = first.WithDotEnvFrom(two);

        Assert.Equal(("from-shell", "from-one"), (first.Get("A"), first.Get("B")));
        Assert.Null(first.DotEnvPathOf("A"));
        Assert.Equal(Path.Combine(one, ".env"), first.DotEnvPathOf("B"));
        Assert.Equal(("from-shell", "from-two"), (second.Get("A"), second.Get("B")));
        Assert.Null(second.WithoutDotEnv().Get("B"));
    }
}

using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli.Describe;

public sealed class DescribeCommandTests
{
    private static string Image(MockFixture mock, string name, int width = 64, int height = 36)
    {
        var path = Path.Combine(mock.Home.Root, name);
        File.WriteAllBytes(path, Png.Encode(width, height, new byte[width * height * 3]));
        return path;
    }

    [Fact]
    public async Task ItWritesOneSentencePerImageAndSkipsWhatItCannotSend()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["OPENROUTER_API_KEY"] = MockOptions.DefaultOpenRouterKey;
        var big = Path.Combine(mock.Home.Root, "huge.png");
        File.WriteAllBytes(big, new byte[5 * 1024 * 1024]);
        var svg = Path.Combine(mock.Home.Root, "logo.svg");
        File.WriteAllText(svg, "<svg/>");
        var output = Path.Combine(mock.Home.Root, "asset-descriptions.md");

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http },
            "describe", Image(mock, "hero.png"), big, svg, "-o", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""
            - `hero.png`: A 64×36 PNG landscape image of 1 KB, suitable as a storyboard still.
            - `huge.png`: (not described: 5.0 MB is over the 4 MB limit; export a smaller copy)
            - `logo.svg`: (not described: SVG is not sent; export it as PNG first)

            """.Replace("\r\n", "\n"), File.ReadAllText(output));
        Assert.Contains("1 described, 2 skipped, 0 failed", run.Out);
        Assert.Single(mock.State.Requests);
    }

    [Fact]
    public async Task ImagesGoInBatchesOfTwentyWithAPauseBetween()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["GEMINI_API_KEY"] = MockOptions.DefaultGeminiKey;
        var images = Enumerable.Range(0, 21).Select(i => Image(mock, $"shot{i:00}.png", 10 + i, 10)).ToArray();
        var time = new InstantTimeProvider();

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Time = time },
            ["describe", .. images, "-o", Path.Combine(mock.Home.Root, "d.md"), "--json"]);

        Assert.Equal(0, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal(21, (int)json["described"]!);
        Assert.Equal("gemini", (string?)json["images"]![20]!["provider"]);
        Assert.StartsWith("A 30×10 PNG", (string?)json["images"]![20]!["description"]);
        Assert.Equal([TimeSpan.FromSeconds(2)], time.Waits);
        Assert.Equal(21, mock.State.Requests.Count);
    }

    [Fact]
    public async Task WhenOpenRouterFailsGeminiDescribesInstead()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["OPENROUTER_API_KEY"] = MockOptions.DefaultOpenRouterKey;
        mock.Home.Variables["GEMINI_API_KEY"] = MockOptions.DefaultGeminiKey;
        mock.State.AddFault(new FaultRule("/api/v1", FaultKind.Status, 402, Times: null));

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Time = new InstantTimeProvider() },
            "describe", Image(mock, "a.png"), "-o", Path.Combine(mock.Home.Root, "d.md"), "--json");

        Assert.Equal(0, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("gemini", (string?)json["images"]![0]!["provider"]);
        Assert.Equal("failed", (string?)json["chain"]!["candidates"]![0]!["state"]);
    }

    [Fact]
    public async Task WithNoKeyItSaysWhichToSetAndExitsOne()
    {
        await using var mock = await MockFixture.StartAsync();

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http }, "describe", Image(mock, "a.png"), "-o", Path.Combine(mock.Home.Root, "d.md"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("fix: set OPENROUTER_API_KEY, or GEMINI_API_KEY (or GOOGLE_API_KEY)", run.Error);
        Assert.False(File.Exists(Path.Combine(mock.Home.Root, "d.md")));
        Assert.Empty(mock.State.Requests);
    }

    [Fact]
    public async Task ARejectedKeyStopsTheRunBeforeGeminiIsAskedAndWritesNothing()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["OPENROUTER_API_KEY"] = "sk-or-wrong-key-1234";
        mock.Home.Variables["GEMINI_API_KEY"] = MockOptions.DefaultGeminiKey;
        var output = Path.Combine(mock.Home.Root, "d.md");

        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Http = mock.Http, Time = new InstantTimeProvider() },
            "describe", Image(mock, "a.png"), "-o", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: OpenRouter rejected the credential from OPENROUTER_API_KEY: OpenRouter rejected the key (401)", run.Error);
        Assert.Contains("fix: replace OPENROUTER_API_KEY with a valid key, or unset it to skip this provider", run.Error);
        Assert.DoesNotContain(mock.State.Requests, r => r.Path.Contains("generateContent", StringComparison.Ordinal));
        Assert.False(File.Exists(output));
        Assert.DoesNotContain("sk-or-wrong-key-1234", run.Error + run.Out);
    }
}

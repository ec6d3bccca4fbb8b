using Mediagate.Capabilities;
using Mediagate.Cli;
using Mediagate.Http;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Cli;

/// <summary>The CLI's own HTTP client leaves each provider attempt to the retry policy's timeout (MEDIAGATE_HTTP_TIMEOUT).</summary>
public sealed class CliHostTests
{
    [Theory]
    [InlineData(null, 60)]
    [InlineData("2", 2)]
    [InlineData("45", 45)]
    [InlineData("120", 120)]
    [InlineData("600", 600)]
    public void TheClientWaitsLongerThanOneAttemptOfThePolicy(string? setting, int attemptSeconds)
    {
        using var home = new TempHome();
        if (setting is not null)
        {
            home.Variables["MEDIAGATE_HTTP_TIMEOUT"] = setting;
        }
        var host = new CliHost(TextWriter.Null, TextWriter.Null, TextReader.Null, home.Environment);

        var policy = RetryPolicy.FromEnvironment(home.Environment);

        Assert.Equal(TimeSpan.FromSeconds(attemptSeconds), policy.AttemptTimeout);
        Assert.Equal(policy.AttemptTimeout + CliHost.BackstopMargin, host.Http.Timeout);
    }

    [Theory]
    // A wide margin either side of the 4 s timeout: under a busy machine the fast call once took over 2 s.
    [InlineData(500, 0, null)]
    [InlineData(6000, 1, "did not answer within 4 s")]
    public async Task AProviderCallLastsAsLongAsMediagateHttpTimeoutAllows(int delayMs, int exitCode, string? error)
    {
        await using var mock = await MockFixture.StartAsync();
        mock.Home.Variables["HEYGEN_API_KEY"] = MockOptions.DefaultHeyGenKey;
        mock.Home.Variables["MEDIAGATE_HTTP_TIMEOUT"] = "4";
        mock.Home.Variables["MEDIAGATE_HTTP_RETRIES"] = "0";
        mock.State.AddFault(new FaultRule("/v3/voices/speech", FaultKind.Latency, Times: null, DelayMs: delayMs));
        var output = Path.Combine(mock.Home.Root, "slow.wav");

        // No Http in the options: the command uses the client CliHost makes, as the installed CLI does.
        var run = await CliRunner.RunAsync(mock.Home.Environment, new CliOptions { Engines = LocalEngines.System },
            "tts", "Slow but sure.", "--provider", "heygen", "-o", output);

        Assert.True(exitCode == run.ExitCode, run.Error);
        if (error is null)
        {
            Assert.True(new FileInfo(output).Length > 10_000);
        }
        else
        {
            Assert.Contains(error, run.Error);
            Assert.False(File.Exists(output));
        }
    }
}

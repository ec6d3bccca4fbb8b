using Mediagate.Capabilities;
using Mediagate.Http;

namespace Mediagate.Tests.Capabilities;

public sealed class ChainRunnerTests
{
    private static readonly ChainDecision Voice = new(Capability.Voice, "heygen",
    [
        new("heygen", "HeyGen", LinkState.Chosen, "api_key from env"),
        new("elevenlabs", "ElevenLabs", LinkState.Skipped, "no key: set ELEVENLABS_API_KEY"),
        new("local", "local (eSpeak NG)", LinkState.Standby, "fallback if heygen fails (no key needed)"),
    ]);

    private static ProviderException Failure(string what) => new("HeyGen", ProviderFailure.ServerError, what);

    [Fact]
    public async Task InAutoAFailedProviderHandsOverAndTheOutcomeSaysWhy()
    {
        var tried = new List<(string, int)>();

        var outcome = await ChainRunner.RunAsync(Voice, "auto", (provider, attempt, _) =>
        {
            tried.Add((provider, attempt));
            return provider == "heygen" ? throw Failure("HeyGen answered HTTP 503 after 4 attempts") : Task.FromResult("audio");
        }, CancellationToken.None);

        Assert.Equal([("heygen", 0), ("local", 1)], tried);
        Assert.Equal("local", outcome.Provider);
        Assert.Equal("local", outcome.Decision.Chosen);
        Assert.Equal(new ProviderLink("heygen", "HeyGen", LinkState.Failed, "failed: HeyGen answered HTTP 503 after 4 attempts"), outcome.Decision.Links[0]);
        Assert.Equal(LinkState.Skipped, outcome.Decision.Links[1].State);
        Assert.Equal(new ProviderLink("local", "local (eSpeak NG)", LinkState.Chosen, "took over (fallback if heygen fails (no key needed))"), outcome.Decision.Links[2]);
    }

    [Fact]
    public async Task WhenTheChosenProviderServesTheStandbyLinksStayOnStandby()
    {
        var outcome = await ChainRunner.RunAsync(Voice, "auto", (provider, _, _) => Task.FromResult(provider), CancellationToken.None);

        Assert.Equal("heygen", outcome.Value);
        Assert.Equal(LinkState.Chosen, outcome.Decision.Links[0].State);
        Assert.Equal(LinkState.Standby, outcome.Decision.Links[2].State);
    }

    [Fact]
    public async Task AnExplicitProviderNeverFallsBack()
    {
        var tried = new List<string>();

        var error = await Assert.ThrowsAsync<ChainFailedException>(() => ChainRunner.RunAsync<string>(Voice, "heygen", (provider, _, _) =>
        {
            tried.Add(provider);
            throw Failure("HeyGen: out of credits / plan upgrade required (402)");
        }, CancellationToken.None));

        Assert.Equal(["heygen"], tried);
        Assert.Equal("HeyGen: out of credits / plan upgrade required (402)", error.Message);
        Assert.Equal(LinkState.Failed, error.Decision.Links[0].State);
        Assert.Null(error.Decision.Chosen);
    }

    [Fact]
    public async Task AnExplicitProviderWithoutItsKeyOrUnknownIsRefusedBeforeAnyWork()
    {
        var calls = 0;
        Task<string> Run(string provider, int attempt, CancellationToken token)
        {
            calls++;
            return Task.FromResult(provider);
        }

        var noKey = await Assert.ThrowsAsync<ChainFailedException>(() => ChainRunner.RunAsync(Voice, "elevenlabs", Run, CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<ChainFailedException>(() => ChainRunner.RunAsync(Voice, "lyria", Run, CancellationToken.None));

        Assert.Equal("ElevenLabs cannot be used: no key: set ELEVENLABS_API_KEY", noKey.Message);
        Assert.Equal("lyria does not provide voice; choose one of: heygen, elevenlabs, local", unknown.Message);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task WhenEveryProviderFailsEachReasonIsKept()
    {
        var error = await Assert.ThrowsAsync<ChainFailedException>(() => ChainRunner.RunAsync<string>(Voice, "auto",
            (provider, _, _) => throw Failure($"{provider} broke"), CancellationToken.None));

        Assert.Equal("every voice provider failed (heygen: failed: heygen broke; elevenlabs: no key: set ELEVENLABS_API_KEY; local: failed: local broke)", error.Message);
    }

    [Fact]
    public async Task OtherErrorsAndCancellationAreNotTreatedAsProviderFailures()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ChainRunner.RunAsync<string>(Voice, "auto",
            (_, _, _) => throw new ArgumentException("bad text"), CancellationToken.None));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await Assert.ThrowsAsync<ProviderException>(() => ChainRunner.RunAsync<string>(Voice, "auto",
            (_, _, _) => throw Failure("cancelled mid-call"), cancel.Token));
    }
}

using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Http;

namespace Mediagate.Tests.Capabilities;

public sealed class ProviderChainTests
{
    /// <summary>A link whose availability and behaviour a test sets; it counts its calls.</summary>
    private sealed class Link(string id, string label, Availability availability, Func<string, Task<string>>? work = null) : IProvider
    {
        public string Id => id;

        public string Label => label;

        public Availability Availability => availability;

        public List<string> Calls { get; } = [];

        public Task<string> RunAsync(string item)
        {
            Calls.Add(item);
            return work?.Invoke(item) ?? Task.FromResult($"{id}:{item}");
        }
    }

    private static readonly CredentialRef EnvKey = new("env (HEYGEN_API_KEY)", "replace HEYGEN_API_KEY with a valid key, or unset it");

    private static ProviderException ServerError(string what) => new("HeyGen", ProviderFailure.ServerError, what);

    private static (ProviderChain<Link> Chain, Link HeyGen, Link ElevenLabs, Link Local) Voice(Func<string, Task<string>>? heygen = null, Func<string, Task<string>>? local = null)
    {
        var links = (
            new Link("heygen", "HeyGen", Availability.Ready("api_key from env (HEYGEN_API_KEY)", EnvKey), heygen),
            new Link("elevenlabs", "ElevenLabs", Availability.Unavailable("no key: set ELEVENLABS_API_KEY")),
            new Link("local", "local (eSpeak NG)", Availability.Ready("no key needed"), local));
        return (new ProviderChain<Link>(Capability.Voice, [links.Item1, links.Item2, links.Item3]), links.Item1, links.Item2, links.Item3);
    }

    private static Task<ChainOutcome<string>> Run(ProviderChain<Link> chain, string requested, string item = "line") =>
        chain.RunAsync(requested, (link, _, _) => link.RunAsync(item), CancellationToken.None);

    [Fact]
    public void TheDecisionNamesTheChosenLinkAndWhyEveryOtherIsNot()
    {
        var decision = Voice().Chain.Explain();

        Assert.Equal("heygen", decision.Chosen);
        Assert.Equal(
        [
            new ProviderLink("heygen", "HeyGen", LinkState.Chosen, "api_key from env (HEYGEN_API_KEY)"),
            new ProviderLink("elevenlabs", "ElevenLabs", LinkState.Skipped, "no key: set ELEVENLABS_API_KEY"),
            new ProviderLink("local", "local (eSpeak NG)", LinkState.Standby, "fallback if heygen fails (no key needed)"),
        ], decision.Links);
    }

    [Fact]
    public async Task InAutoAnExhaustedProviderHandsOverAndTheOutcomeSaysWhy()
    {
        var (chain, heygen, _, local) = Voice(heygen: _ => throw ServerError("HeyGen answered HTTP 503 after 4 attempts"));

        var outcome = await Run(chain, "auto");

        Assert.Equal("local:line", outcome.Value);
        Assert.Equal("local", outcome.Decision.Chosen);
        Assert.Equal(new ProviderLink("heygen", "HeyGen", LinkState.Failed, "failed: HeyGen answered HTTP 503 after 4 attempts"), outcome.Decision.Links[0]);
        Assert.Equal(new ProviderLink("local", "local (eSpeak NG)", LinkState.Chosen, "took over (no key needed)"), outcome.Decision.Links[2]);
        Assert.Single(heygen.Calls);
        Assert.Single(local.Calls);
    }

    [Fact]
    public async Task ALinkThatFellOverIsSkippedByTheRestOfTheRunAndRecordedOnce()
    {
        var (chain, heygen, _, _) = Voice(heygen: _ => throw new ProviderException("HeyGen", ProviderFailure.OutOfCredits, "HeyGen: out of credits (402)"));

        await Run(chain, "auto", "line 1");
        var second = await Run(chain, "auto", "line 2");
        var third = await Run(chain, "auto", "line 3");

        Assert.Equal(["line 1"], heygen.Calls);
        Assert.Equal("local:line 3", third.Value);
        Assert.Equal(new ProviderLink("heygen", "HeyGen", LinkState.Skipped, "fell over earlier in this run (HeyGen: out of credits (402))"), second.Decision.Links[0]);
        Assert.Equal(new Dictionary<string, string> { ["heygen"] = "HeyGen: out of credits (402)" }, chain.FellOver);
        Assert.Equal("local", chain.Chosen);
    }

    [Fact]
    public async Task ARejectedCredentialStopsTheRunAndNamesItsSourceAndFix()
    {
        var (chain, _, _, local) = Voice(heygen: _ => throw ProviderException.FromStatus("HeyGen", System.Net.HttpStatusCode.Unauthorized, "invalid api key", 1));

        var error = await Assert.ThrowsAsync<CredentialRejectedException>(() => Run(chain, "auto"));

        Assert.Empty(local.Calls);
        Assert.Equal("HeyGen rejected the credential from env (HEYGEN_API_KEY): HeyGen rejected the key (401); check or replace it: invalid api key", error.Message);
        Assert.Equal(EnvKey.Fix, error.Fix);
        Assert.Equal(LinkState.Failed, error.Decision.Links[0].State);
        Assert.Empty(chain.FellOver);
    }

    [Fact]
    public async Task UndecodableAudioIsAFallOverNotACrash()
    {
        var (chain, _, _, _) = Voice(heygen: _ => throw new WavFormatException("not a WAV or MP3 file"));

        var outcome = await Run(chain, "auto");

        Assert.Equal("local", outcome.Provider);
        Assert.Contains("heygen", chain.FellOver.Keys);
    }

    [Fact]
    public async Task NoMatchTriesTheNextLinkForThisItemOnly()
    {
        var (chain, heygen, _, _) = Voice(heygen: item => item == "laser" ? throw new NoMatchException("HeyGen's library has no sound for \"laser\"") : Task.FromResult("heygen:" + item));

        var missing = await Run(chain, "auto", "laser");
        var found = await Run(chain, "auto", "whoosh");

        Assert.Equal("local:laser", missing.Value);
        Assert.Equal("heygen:whoosh", found.Value);
        Assert.Equal(["laser", "whoosh"], heygen.Calls);
        Assert.Empty(chain.FellOver);
    }

    [Fact]
    public async Task AProviderUnavailableAtRunTimeIsSkippedWithItsReason()
    {
        var (chain, _, _, _) = Voice(heygen: _ => throw new ProviderUnavailableException("no account in service"));

        var outcome = await Run(chain, "auto");

        Assert.Equal("local", outcome.Provider);
        Assert.Equal(new ProviderLink("heygen", "HeyGen", LinkState.Skipped, "no account in service"), outcome.Decision.Links[0]);
    }

    [Fact]
    public async Task AnExplicitProviderNeverFallsBack()
    {
        var (chain, _, _, local) = Voice(heygen: _ => throw new ProviderException("HeyGen", ProviderFailure.OutOfCredits, "HeyGen: out of credits / plan upgrade required (402)"));

        var error = await Assert.ThrowsAsync<ChainFailedException>(() => Run(chain, "heygen"));

        Assert.Empty(local.Calls);
        Assert.Equal("HeyGen: out of credits / plan upgrade required (402)", error.Message);
        Assert.Equal("top up the account, or choose another --provider (local needs no key)", error.Hint);
        Assert.Null(error.Decision.Chosen);
    }

    [Fact]
    public async Task AnExplicitProviderWithoutItsKeyOrUnknownIsRefusedBeforeAnyWork()
    {
        var (chain, heygen, elevenLabs, local) = Voice();

        var noKey = await Assert.ThrowsAsync<ChainFailedException>(() => Run(chain, "elevenlabs"));
        var unknown = await Assert.ThrowsAsync<ChainFailedException>(() => Run(chain, "lyria"));

        Assert.Equal("ElevenLabs cannot be used: no key: set ELEVENLABS_API_KEY", noKey.Message);
        Assert.Equal("lyria does not provide voice; choose one of: heygen, elevenlabs, local", unknown.Message);
        Assert.Empty(heygen.Calls.Concat(elevenLabs.Calls).Concat(local.Calls));
    }

    [Fact]
    public async Task WhenEveryProviderFailsEachReasonIsKept()
    {
        var (chain, _, _, _) = Voice(heygen: _ => throw ServerError("heygen broke"), local: _ => throw ServerError("local broke"));

        var error = await Assert.ThrowsAsync<ChainFailedException>(() => Run(chain, "auto"));

        Assert.Equal("every voice provider failed (heygen: failed: heygen broke; elevenlabs: no key: set ELEVENLABS_API_KEY; local: failed: local broke)", error.Message);
        Assert.Equal(2, error.Failures.Count);
    }

    [Fact]
    public async Task OtherErrorsAndCancellationAreNotTreatedAsProviderFailures()
    {
        var (chain, _, _, local) = Voice(heygen: _ => throw new ArgumentException("bad text"));
        await Assert.ThrowsAsync<ArgumentException>(() => Run(chain, "auto"));
        Assert.Empty(local.Calls);

        var (cancelled, _, _, _) = Voice(heygen: _ => throw ServerError("cancelled mid-call"));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await Assert.ThrowsAsync<ProviderException>(() => cancelled.RunAsync("auto", (link, _, _) => link.RunAsync("x"), cancel.Token));
    }

    [Fact]
    public async Task AnExcludedLinkSaysWhyAndSharesTheRunsMemory()
    {
        var (chain, _, _, _) = Voice(heygen: _ => throw ServerError("HeyGen answered HTTP 500"));
        var onlyLocal = chain.Excluding(link => link.Id == "elevenlabs" ? "bgm mode generate: not a generator" : null);

        await Run(onlyLocal, "auto");

        Assert.Equal("bgm mode generate: not a generator", onlyLocal.Explain().Links[1].Reason);
        Assert.Equal("local", chain.Chosen);
    }
}

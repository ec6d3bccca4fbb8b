using System.Collections.Concurrent;

namespace Mediagate.Capabilities;

/// <summary>
/// One capability's chain of providers, and the one place that decides which link serves and why the others do not. In
/// <c>auto</c> the first available link runs and each later one takes over when the one before it is exhausted; a rejected
/// credential stops the run; an explicit provider runs alone and never falls over. A link that fell over is skipped by every
/// later item of the same run (this instance), and recorded once.
/// </summary>
/// <typeparam name="TProvider">The capability's provider interface.</typeparam>
public sealed class ProviderChain<TProvider> where TProvider : class, IProvider
{
    private readonly Lazy<Availability[]> _availability;
    private readonly Func<TProvider, string?>? _excluded;
    private readonly ConcurrentDictionary<string, string> _fellOver;

    /// <summary>Creates a chain over its links, in order.</summary>
    public ProviderChain(Capability capability, IReadOnlyList<TProvider> providers)
        : this(capability, providers, null, new ConcurrentDictionary<string, string>(StringComparer.Ordinal))
    {
    }

    private ProviderChain(Capability capability, IReadOnlyList<TProvider> providers, Func<TProvider, string?>? excluded, ConcurrentDictionary<string, string> fellOver)
    {
        Capability = capability;
        Providers = providers;
        _excluded = excluded;
        _fellOver = fellOver;
        _availability = new Lazy<Availability[]>(() => providers.Select(p => _excluded?.Invoke(p) is { } why ? Availability.Unavailable(why) : p.Availability).ToArray());
    }

    /// <summary>The capability.</summary>
    public Capability Capability { get; }

    /// <summary>The links, in order.</summary>
    public IReadOnlyList<TProvider> Providers { get; }

    /// <summary>The chain as it stands: which link would serve next, and why every other would not. Links that serve only when named are left out.</summary>
    public ChainDecision Explain() => Build(null).Decision;

    /// <summary>The decision, and for each of its links the index of its provider; a link that serves only when named is included when it is <paramref name="named"/>.</summary>
    private (ChainDecision Decision, List<int> Index) Build(string? named)
    {
        var availability = _availability.Value;
        string? chosen = null;
        var links = new List<ProviderLink>(Providers.Count);
        var index = new List<int>(Providers.Count);
        for (var i = 0; i < Providers.Count; i++)
        {
            var provider = Providers[i];
            var state = availability[i];
            if (provider.ExplicitOnly && provider.Id != named)
            {
                continue;
            }
            index.Add(i);
            if (!state.IsReady)
            {
                links.Add(new ProviderLink(provider.Id, provider.Label, LinkState.Skipped, state.Reason));
            }
            else if (_fellOver.TryGetValue(provider.Id, out var why))
            {
                links.Add(new ProviderLink(provider.Id, provider.Label, LinkState.Skipped, ChainWording.FellOverEarlier(why)));
            }
            else if (chosen is null)
            {
                chosen = provider.Id;
                links.Add(new ProviderLink(provider.Id, provider.Label, LinkState.Chosen, state.Reason));
            }
            else
            {
                links.Add(new ProviderLink(provider.Id, provider.Label, LinkState.Standby, ChainWording.Fallback(chosen, state.Reason)));
            }
        }
        return (new ChainDecision(Capability, chosen, links), index);
    }

    /// <summary>The id of the link that would serve next in auto, or null when none can.</summary>
    public string? Chosen => Explain().Chosen;

    /// <summary>The links that fell over in this run, with why, in no particular order.</summary>
    public IReadOnlyDictionary<string, string> FellOver => _fellOver;

    /// <summary>The link with this id, or null.</summary>
    public TProvider? Find(string id) => Providers.FirstOrDefault(p => p.Id == id);

    /// <summary>The same chain with some links made unavailable (the reason, or null to keep a link); it shares this run's memory of links that fell over.</summary>
    public ProviderChain<TProvider> Excluding(Func<TProvider, string?> whyNot) =>
        new(Capability, Providers, p => _excluded?.Invoke(p) ?? whyNot(p), _fellOver);

    /// <summary>Runs <paramref name="run"/> with each usable provider in turn until one succeeds.</summary>
    /// <param name="requested"><see cref="ChainWording.Auto"/>, or one provider id.</param>
    /// <param name="run">Does the work with one provider; the int is its position among those tried (0 for the first).</param>
    /// <param name="cancellationToken">Stops the work; never treated as a provider failure.</param>
    /// <exception cref="ChainFailedException">No provider could serve: none usable, or every one failed.</exception>
    /// <exception cref="CredentialRejectedException">A provider rejected its credential.</exception>
    public async Task<ChainOutcome<T>> RunAsync<T>(string requested, Func<TProvider, int, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        var (decision, providerIndex) = Build(requested == ChainWording.Auto ? null : requested);
        var links = decision.Links.ToList();
        var name = decision.Name;
        List<int> order;
        if (requested == ChainWording.Auto)
        {
            order = Enumerable.Range(0, links.Count).Where(i => links[i].State is LinkState.Chosen or LinkState.Standby).ToList();
            if (order.Count == 0)
            {
                throw new ChainFailedException(decision, ChainWording.NoneAvailable(name, links));
            }
        }
        else
        {
            var index = links.FindIndex(l => l.Provider == requested);
            if (index < 0)
            {
                throw new ChainFailedException(decision, ChainWording.NotAProvider(requested, name, Providers.Select(p => p.Id)));
            }
            if (links[index].State == LinkState.Skipped)
            {
                throw new ChainFailedException(decision, ChainWording.CannotBeUsed(links[index].Label, links[index].Reason));
            }
            order = [index];
        }

        var failures = new List<Exception>();
        for (var attempt = 0; attempt < order.Count; attempt++)
        {
            var index = order[attempt];
            var link = links[index];
            try
            {
                var value = await run(Providers[providerIndex[index]], attempt, cancellationToken).ConfigureAwait(false);
                var ready = _availability.Value[providerIndex[index]].Reason;
                // A named link served because it was named: its reason is its own, not "fallback if … fails".
                links[index] = link with { State = LinkState.Chosen, Reason = attempt > 0 ? ChainWording.TookOver(ready) : requested == ChainWording.Auto ? link.Reason : ready };
                foreach (var rest in order.Skip(attempt + 1))
                {
                    links[rest] = links[rest] with { State = LinkState.Standby, Reason = ChainWording.FallbackAfterRun(link.Provider) };
                }
                return new ChainOutcome<T>(value, link.Provider, decision with { Chosen = link.Provider, Links = links });
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Failures.Classify(ex) != FailureClass.NotAProviderFailure)
            {
                var kind = Failures.Classify(ex);
                failures.Add(ex);
                links[index] = kind == FailureClass.Unavailable
                    ? link with { State = LinkState.Skipped, Reason = ex.Message }
                    : link with { State = LinkState.Failed, Reason = ChainWording.Failed(ex.Message) };
                if (kind == FailureClass.RejectedCredential)
                {
                    throw new CredentialRejectedException(decision with { Chosen = null, Links = links }, link.Label, _availability.Value[providerIndex[index]].Credential, ex);
                }
                if (kind == FailureClass.Exhausted && requested == ChainWording.Auto)
                {
                    _fellOver.TryAdd(link.Provider, ex.Message);
                }
                if (requested != ChainWording.Auto || attempt == order.Count - 1)
                {
                    var failed = decision with { Chosen = null, Links = links };
                    throw new ChainFailedException(failed, requested == ChainWording.Auto ? ChainWording.EveryFailed(name, links) : ex.Message, ex) { Failures = failures };
                }
            }
        }
        throw new InvalidOperationException("unreachable: the loop returns or throws");
    }
}

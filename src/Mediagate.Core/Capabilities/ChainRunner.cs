using Mediagate.Http;

namespace Mediagate.Capabilities;

/// <summary>
/// Runs a capability through its chain. In <c>auto</c> the chosen provider runs first and each standby link takes over when
/// the one before it fails after its retries; an explicit provider runs alone and never falls back. The outcome's decision
/// records who served and why every other link did not.
/// </summary>
public static class ChainRunner
{
    /// <summary>The <c>--provider</c> value that follows the chain.</summary>
    public const string Auto = "auto";

    /// <summary>Runs <paramref name="run"/> for each usable provider in turn until one succeeds.</summary>
    /// <param name="decision">The chain as the credentials decide it.</param>
    /// <param name="requested"><see cref="Auto"/>, or one provider id.</param>
    /// <param name="run">Does the work with one provider; the int is its position among those tried (0 for the first).</param>
    /// <param name="isProviderFailure">Which exceptions mean "this provider failed, try the next"; by default <see cref="ProviderException"/>.</param>
    /// <param name="cancellationToken">Stops the work; never treated as a provider failure.</param>
    /// <exception cref="ChainFailedException">No provider could serve: none usable, or every one failed.</exception>
    public static async Task<ChainOutcome<T>> RunAsync<T>(
        ChainDecision decision,
        string requested,
        Func<string, int, CancellationToken, Task<T>> run,
        CancellationToken cancellationToken,
        Func<Exception, bool>? isProviderFailure = null)
    {
        isProviderFailure ??= static ex => ex is ProviderException;
        var links = decision.Links.ToList();
        var failures = new List<Exception>();
        List<int> order;
        if (requested == Auto)
        {
            order = Enumerable.Range(0, links.Count).Where(i => links[i].State is LinkState.Chosen or LinkState.Standby).ToList();
        }
        else
        {
            var index = links.FindIndex(l => l.Provider == requested);
            if (index < 0)
            {
                throw new ChainFailedException(decision, $"{requested} does not provide {decision.Name}; choose one of: {string.Join(", ", links.Select(l => l.Provider))}");
            }
            if (links[index].State == LinkState.Skipped)
            {
                throw new ChainFailedException(decision, $"{links[index].Label} cannot be used: {links[index].Reason}");
            }
            order = [index];
        }
        if (order.Count == 0)
        {
            throw new ChainFailedException(decision, $"no {decision.Name} provider is available ({Reasons(links)})");
        }
        for (var attempt = 0; attempt < order.Count; attempt++)
        {
            var index = order[attempt];
            var link = links[index];
            try
            {
                var value = await run(link.Provider, attempt, cancellationToken).ConfigureAwait(false);
                links[index] = link with { State = LinkState.Chosen, Reason = attempt == 0 ? link.Reason : $"took over ({link.Reason})" };
                for (var rest = attempt + 1; rest < order.Count; rest++)
                {
                    links[order[rest]] = links[order[rest]] with { State = LinkState.Standby, Reason = $"fallback if {link.Provider} fails" };
                }
                return new ChainOutcome<T>(value, link.Provider, decision with { Chosen = link.Provider, Links = links });
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && isProviderFailure(ex))
            {
                links[index] = link with { State = LinkState.Failed, Reason = "failed: " + ex.Message };
                failures.Add(ex);
                if (requested != Auto || attempt == order.Count - 1)
                {
                    var failed = decision with { Chosen = null, Links = links };
                    throw new ChainFailedException(failed, requested == Auto ? $"every {decision.Name} provider failed ({Reasons(links)})" : ex.Message, ex)
                    {
                        Failures = failures,
                    };
                }
            }
        }
        throw new InvalidOperationException("unreachable: the loop returns or throws");
    }

    private static string Reasons(IEnumerable<ProviderLink> links) => string.Join("; ", links.Select(l => $"{l.Provider}: {l.Reason}"));
}

/// <summary>What a chain produced, who served it, and the chain as it played out.</summary>
public sealed record ChainOutcome<T>(T Value, string Provider, ChainDecision Decision);

/// <summary>No provider in the chain could serve; <see cref="Decision"/> says why for each.</summary>
public sealed class ChainFailedException : Exception
{
    /// <summary>Creates the error.</summary>
    public ChainFailedException(ChainDecision decision, string message, Exception? inner = null)
        : base(message, inner) => Decision = decision;

    /// <summary>The chain with every link's reason, failures included.</summary>
    public ChainDecision Decision { get; }

    /// <summary>What each provider that ran threw, in the order they ran; empty when none could run.</summary>
    public IReadOnlyList<Exception> Failures { get; init; } = [];
}

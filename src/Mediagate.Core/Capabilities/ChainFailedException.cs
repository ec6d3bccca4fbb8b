namespace Mediagate.Capabilities;

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

    /// <summary>What to do next, by the kind of failure (one wording for every command).</summary>
    public string Hint => ChainWording.Hint(this);
}

namespace Mediagate.Capabilities;

/// <summary>What a chain produced, who served it, and the chain as it played out.</summary>
public sealed record ChainOutcome<T>(T Value, string Provider, ChainDecision Decision);

namespace Mediagate.Mock.Faults;

/// <summary>A failure the mock can be told to produce.</summary>
public enum FaultKind
{
    /// <summary>Answer with <see cref="FaultRule.Status"/> and the provider's error body for it (401, 402, 429, 500, 503…).</summary>
    Status,

    /// <summary>Wait <see cref="FaultRule.DelayMs"/> before answering normally.</summary>
    Latency,

    /// <summary>Answer 200 with a body that is not JSON.</summary>
    MalformedJson,

    /// <summary>Answer 200 with a body cut off in the middle.</summary>
    TruncatedBody,
}

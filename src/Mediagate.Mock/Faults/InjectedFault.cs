namespace Mediagate.Mock.Faults;

/// <summary>A fault as injected, and what has become of it; guarded by the state's fault lock.</summary>
internal sealed class InjectedFault(FaultRule rule)
{
    public FaultRule Rule { get; } = rule;

    public int? Left { get; set; }

    public int Pass { get; set; }

    public int Fired { get; set; }

    public bool Active { get; set; }
}

namespace Mediagate.Mock.Faults;

/// <summary>What became of an injected fault: how many requests it failed, and how many it still would.</summary>
/// <param name="Rule">The fault as injected.</param>
/// <param name="Fired">How many requests it has failed (or delayed) so far.</param>
/// <param name="Left">How many more it would fail; null for a rule without a limit.</param>
/// <param name="Active">Whether it still applies (false once spent or cleared).</param>
public sealed record FaultUse(FaultRule Rule, int Fired, int? Left, bool Active)
{
    /// <summary>Whether the fault did less than it was set up to do: a counted rule not used up, or an unlimited one that never fired.</summary>
    public bool Unspent => Rule.Times is null ? Fired == 0 : Left > 0;
}

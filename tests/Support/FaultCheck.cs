using Mediagate.Mock;
using Mediagate.Mock.Faults;

namespace Mediagate.Tests.Support;

/// <summary>
/// Fails a test whose injected faults did not all fire, as GitHub CLI's HTTP registry fails on a stub that was never used:
/// a fault the code never meets proves nothing, and the test passes for the wrong reason.
/// </summary>
public static class FaultCheck
{
    /// <summary>Fails unless every fault injected into <paramref name="state"/> did all it was set up to do.</summary>
    /// <remarks>
    /// Fixtures call this when they are disposed. When a test has already failed, this can replace its exception; a fault
    /// goes unfired when the code stops before reaching it, so read the earlier failure by running the test alone.
    /// </remarks>
    public static void AssertEveryFaultFired(MockState state)
    {
        var unspent = state.FaultLedger.Where(f => f.Unspent).ToList();
        if (unspent.Count == 0)
        {
            return;
        }
        var received = state.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.Fail(
            $"mock: {unspent.Count} injected fault(s) did not fire as set up, so the test did not exercise them:\n"
            + string.Concat(unspent.Select(f => $"- {Describe(f.Rule)}: fired {f.Fired} time(s){(f.Rule.Times is { } times ? $" of {times}" : "")}\n"))
            + (received.Count == 0 ? "The mock received no requests.\n" : $"The mock received: {string.Join(", ", received)}\n")
            + "Fix the test: give the fault the path and count its code really meets, or remove it. If the test also failed earlier,"
            + " that failure is hidden behind this one (a fault goes unfired when the code stops before reaching it).");
    }

    private static string Describe(FaultRule rule) =>
        (rule.Kind == FaultKind.Status ? $"Status {rule.Status}" : rule.Kind.ToString())
        + $" on {rule.PathPrefix}"
        + (rule.Key is null ? "" : $" for key {rule.Key[..Math.Min(6, rule.Key.Length)]}…")
        + (rule.After > 0 ? $" after {rule.After}" : "");
}

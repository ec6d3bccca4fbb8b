using Mediagate.Capabilities;

namespace Mediagate.Cli.Output;

/// <summary>Prints the provider chosen for each capability and why every other link was passed over.</summary>
internal static class CapabilityTable
{
    public static void Write(TextWriter output, IReadOnlyList<ChainDecision> decisions)
    {
        output.WriteLine("Capabilities (provider chosen → why the others were not):");
        foreach (var decision in decisions)
        {
            var chosen = decision.Links.FirstOrDefault(l => l.State == LinkState.Chosen);
            var head = chosen is not null ? $"✓ {chosen.Label} ({chosen.Reason})"
                : decision.Links.FirstOrDefault(l => l.State == LinkState.Failed) is { } failed ? $"✗ {failed.Label}: {failed.Reason}"
                : "✗ none available";
            output.WriteLine($"  {decision.Name,-9}{head}");
            foreach (var link in decision.Links.Where(l => l.State != LinkState.Chosen && !(chosen is null && l.State == LinkState.Failed)))
            {
                var mark = link.State == LinkState.Standby ? "↳" : "·";
                output.WriteLine($"  {"",-9}  {mark} {link.Label}: {link.Reason}");
            }
        }
    }
}

namespace Mediagate.Alignment;

/// <summary>Abbreviations that synthesisers and people read as the full word ("Gen." as "general", "St." as "saint" or "street").</summary>
internal static class Abbreviations
{
    private static readonly Dictionary<string, string[]> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gen"] = ["general"], ["capt"] = ["captain"], ["lt"] = ["lieutenant"], ["col"] = ["colonel"], ["sgt"] = ["sergeant"],
        ["prof"] = ["professor"], ["st"] = ["saint", "street"], ["ave"] = ["avenue"], ["rd"] = ["road"], ["jr"] = ["junior"],
        ["sr"] = ["senior"], ["etc"] = ["et cetera"], ["vs"] = ["versus"], ["mt"] = ["mount"], ["no"] = ["number"],
        ["approx"] = ["approximately"], ["dept"] = ["department"], ["inc"] = ["incorporated"], ["ltd"] = ["limited"],
        ["corp"] = ["corporation"], ["gov"] = ["governor"], ["sen"] = ["senator"], ["rep"] = ["representative"],
        ["dr"] = ["doctor", "drive"], ["mr"] = ["mister"], ["mrs"] = ["missus"], ["ms"] = ["miss", "mizz", "m s"], ["fig"] = ["figure"],
        ["jan"] = ["january"], ["feb"] = ["february"], ["mar"] = ["march"], ["apr"] = ["april"], ["aug"] = ["august"],
        ["sept"] = ["september"], ["oct"] = ["october"], ["nov"] = ["november"], ["dec"] = ["december"],
    };

    /// <summary>The full readings of <paramref name="token"/> when it is an abbreviation written with its full stop ("Gen."), else none.</summary>
    public static string[] Expand(string token)
    {
        var trimmed = token.TrimStart('(', '"', '\'').TrimEnd(',', ';', ':', ')', '"', '\'', '!', '?');
        return trimmed.EndsWith('.') && Table.TryGetValue(trimmed.TrimEnd('.'), out var readings) ? readings : [];
    }
}

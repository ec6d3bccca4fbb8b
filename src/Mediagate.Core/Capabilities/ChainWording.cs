using Mediagate.Credentials;
using Mediagate.Http;

namespace Mediagate.Capabilities;

/// <summary>
/// Every sentence that explains a chain: why a link is ready, skipped, on standby, failed or fell over, and what to do when
/// nothing could serve. <c>auth status</c>, <c>doctor</c>, every command's text and <c>--json</c>, <c>audio_meta.json</c> and the
/// server all print these, so they have one wording, here.
/// </summary>
public static class ChainWording
{
    /// <summary>The <c>--provider</c> value that follows the chain.</summary>
    public const string Auto = "auto";

    /// <summary>No HeyGen credential from any source.</summary>
    public const string NoHeyGenKey = "no key: set HEYGEN_API_KEY or run `mediagate auth login`";

    /// <summary>A local engine that needs nothing.</summary>
    public const string NoKeyNeeded = "no key needed";

    /// <summary>The bundled sound-effect library in retrieve-only mode's sense: not the HeyGen library.</summary>
    public const string RetrieveOnly = "bgm mode retrieve: the HeyGen library only";

    /// <summary>A library, not a generator, in generate mode.</summary>
    public const string GenerateOnly = "bgm mode generate: not a generator";

    /// <summary>A local engine that is ready, with a detail (the SoundFont…).</summary>
    public static string NoKeyNeededWith(string detail) => $"{NoKeyNeeded}; {detail}";

    /// <summary>A key that none of the variables holds.</summary>
    public static string NoKey(IEnumerable<string> variables) => $"no key: set {string.Join(" or ", variables)}";

    /// <summary>A key found in a variable.</summary>
    public static string KeyFrom(string variable) => $"key from {variable}";

    /// <summary>The HeyGen credential that resolution chose.</summary>
    public static string HeyGenKey(HeyGenCredential credential) => $"{credential.Type.ToWire()} from {credential.SourceLabel}";

    /// <summary>How to repair a rejected HeyGen credential, by where it came from.</summary>
    public static string HeyGenFix(HeyGenCredential credential) => credential.Source switch
    {
        CredentialSource.HostGateway => "the host gateway (HEYGEN_API_BASE) refused HEYGEN_API_KEY: fix the key the host gave you, or unset both to use HeyGen directly",
        CredentialSource.EnvAccessToken => "HEYGEN_ACCESS_TOKEN was refused: the host that injected it must renew it, or unset it to use the next source",
        CredentialSource.Env or CredentialSource.EnvAlias when credential.EnvFile is { } envFile =>
            $"replace {Variable(credential)} in {envFile} with a valid key, or remove it to use the signed-in account (`mediagate auth login`)",
        CredentialSource.Env or CredentialSource.EnvAlias =>
            $"replace {Variable(credential)} with a valid key, or unset it to use the signed-in account (`mediagate auth login`)",
        _ => $"sign in again with `mediagate auth login` (the credential in {credential.FilePath ?? credential.SourceLabel} was refused)",
    };

    private static string Variable(HeyGenCredential credential) =>
        credential.Source == CredentialSource.Env ? HeyGenCredentialResolver.ApiKeyVariable : HeyGenCredentialResolver.AliasVariable;

    /// <summary>How to repair a rejected key held in a variable.</summary>
    public static string KeyFix(string variable) => $"replace {variable} with a valid key, or unset it to skip this provider";

    /// <summary>A local engine whose Debian packages are missing.</summary>
    public static string NotInstalled(string packages) => $"not installed: apt-get install {packages}";

    /// <summary>A ready link after the chosen one.</summary>
    public static string Fallback(string chosen, string reason) => $"fallback if {chosen} fails ({reason})";

    /// <summary>A ready link after the one that served.</summary>
    public static string FallbackAfterRun(string served) => $"fallback if {served} fails";

    /// <summary>A standby link that served after the links before it failed.</summary>
    public static string TookOver(string reason) => $"took over ({reason})";

    /// <summary>A link whose credential its provider has just rejected.</summary>
    public static string RejectedNow(string fix) => $"credential rejected: runs that need it stop until it is fixed ({fix})";

    /// <summary>A standby link behind one whose credential is rejected.</summary>
    public static string NotReached(string rejected) => $"not reached: {rejected}'s rejected credential stops the run";

    /// <summary>The warning for a link that fell over in a run and was skipped by the rest of it.</summary>
    public static string FellOverForRun(string capability, string provider, string message) =>
        $"{capability}: {provider} {Failed(message)}; the rest of the run did without it";

    /// <summary>The warning for narration lines spoken again so that the soundtrack keeps one voice.</summary>
    public static string Remade(IReadOnlyList<string> fellOver, IReadOnlyList<string> lines, string? provider) =>
        $"{string.Join("; ", fellOver)}: {(lines.Count == 1 ? $"line {lines[0]} was" : $"lines {string.Join(", ", lines)} were")} spoken again by {provider}, so that every line has one voice";

    /// <summary>A link that failed on this item.</summary>
    public static string Failed(string message) => "failed: " + message;

    /// <summary>A link that fell over earlier in this run, so this item skipped it.</summary>
    public static string FellOverEarlier(string message) => $"fell over earlier in this run ({message})";

    /// <summary>The warning for a link that failed before another served.</summary>
    public static string FellOverWarning(ProviderLink failed, string next) => $"{failed.Label} {failed.Reason}; {next} took over.";

    /// <summary>A provider id the capability does not have.</summary>
    public static string NotAProvider(string requested, string capability, IEnumerable<string> ids) =>
        $"{requested} does not provide {capability}; choose one of: {string.Join(", ", ids)}";

    /// <summary>An explicit provider that cannot serve here.</summary>
    public static string CannotBeUsed(string label, string reason) => $"{label} cannot be used: {reason}";

    /// <summary>No link can serve.</summary>
    public static string NoneAvailable(string capability, IEnumerable<ProviderLink> links) => $"no {capability} provider is available ({Reasons(links)})";

    /// <summary>Every link that could serve failed.</summary>
    public static string EveryFailed(string capability, IEnumerable<ProviderLink> links) => $"every {capability} provider failed ({Reasons(links)})";

    /// <summary>A credential that its provider rejected.</summary>
    public static string Rejected(string label, CredentialRef? credential, string detail) =>
        credential is null ? $"{label} rejected its credential: {detail}" : $"{label} rejected the credential from {credential.Source}: {detail}";

    /// <summary>Each link with its reason, for one-line messages.</summary>
    public static string Reasons(IEnumerable<ProviderLink> links) => string.Join("; ", links.Select(l => $"{l.Provider}: {l.Reason}"));

    /// <summary>What to do when no provider could serve: the fix that the kind of failure, or a missing key, points at.</summary>
    public static string Hint(ChainFailedException failure)
    {
        var kinds = failure.Failures.OfType<ProviderException>().Select(f => f.Failure).ToList();
        return kinds.Contains(ProviderFailure.OutOfCredits) ? "top up the account, or choose another --provider (local needs no key)"
            : failure.Failures.Count > 0 ? "try again later, or choose another --provider (local needs no key)"
            : "see mediagate auth status for each provider's state; --provider local needs no key";
    }
}

using Mediagate.Credentials;
using Mediagate.Platform;

namespace Mediagate.Providers.HeyGen;

/// <summary>The HeyGen base URL in force, where it came from, and what it means for the credential.</summary>
/// <param name="Url">The base without <c>/v3</c>, ending in <c>/</c> (our clients' paths start with <c>v3/</c>).</param>
/// <param name="Variable"><c>HEYGEN_API_BASE</c>, <c>HEYGEN_API_URL</c>, or null for the default.</param>
/// <param name="Reason">One phrase for <c>auth status</c> and <c>doctor</c>.</param>
/// <remarks>
/// <c>HEYGEN_API_BASE</c> is the peer's host-gateway variable (the peer appends <c>/v3</c>; we append nothing, as our paths carry
/// it), so it means the same as our <c>HEYGEN_API_URL</c>. When both are set, <c>HEYGEN_API_BASE</c> wins: a host injects it
/// together with the key meant for that gateway, and sending that key anywhere else would leak it.
/// </remarks>
public sealed record HeyGenBase(Uri Url, string? Variable, string Reason)
{
    /// <summary>The peer's host-gateway variable.</summary>
    public const string BaseVariable = "HEYGEN_API_BASE";

    /// <summary>Mediagate's (and the HyperFrames CLI's) base URL variable.</summary>
    public const string UrlVariable = "HEYGEN_API_URL";

    /// <summary>The variable that allows an <c>http://</c> <c>HEYGEN_API_BASE</c> when it is exactly <c>1</c>.</summary>
    public const string AllowHttpVariable = "HEYGEN_ALLOW_HTTP";

    /// <summary>True when <c>HEYGEN_API_BASE</c> chose the URL: the host-gateway rules apply.</summary>
    public bool IsHostGateway => Variable == BaseVariable;

    /// <summary>True when the URL's host is <c>heygen.com</c> or a subdomain.</summary>
    public bool IsHeyGenHost => IsHeyGen(Url);

    /// <summary>The base that the environment selects.</summary>
    /// <exception cref="CredentialException"><c>HEYGEN_API_BASE</c> is not an http(s) URL, or is http without <c>HEYGEN_ALLOW_HTTP=1</c>.</exception>
    public static HeyGenBase From(EnvironmentVariables environment)
    {
        var url = environment.Get(UrlVariable);
        if (environment.Get(BaseVariable)?.Trim().TrimEnd('/') is { Length: > 0 } gateway)
        {
            if (!Uri.TryCreate(gateway, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                throw new CredentialException(BaseVariable, $"{gateway} is not an http(s) URL, so no HeyGen credential can be sent to it",
                    $"set {BaseVariable} to the gateway's base URL without /v3 (e.g. https://gateway.example), or unset it");
            }
            if (parsed.Scheme == "http" && environment.Get(AllowHttpVariable) != "1")
            {
                throw new CredentialException(BaseVariable, $"{gateway} uses HTTP, which sends the key in plaintext",
                    $"set {AllowHttpVariable}=1 to allow it (a gateway on this machine or a private network), or use https://");
            }
            var also = url is null ? "" : $"; {UrlVariable} is set too, and {BaseVariable} wins";
            return new HeyGenBase(new Uri(gateway + "/"), BaseVariable, $"from {BaseVariable}{also}");
        }
        if (url is not null)
        {
            return new HeyGenBase(new Uri(url.TrimEnd('/') + "/"), UrlVariable, $"from {UrlVariable}");
        }
        return new HeyGenBase(new Uri(HeyGenApi.DefaultBaseUrl + "/"), null, "the default");
    }

    /// <summary>True when <paramref name="url"/>'s host is <c>heygen.com</c> or ends in <c>.heygen.com</c>.</summary>
    public static bool IsHeyGen(Uri url) =>
        url.IdnHost.Equals("heygen.com", StringComparison.OrdinalIgnoreCase) ||
        url.IdnHost.EndsWith(".heygen.com", StringComparison.OrdinalIgnoreCase);

    /// <summary>The base as people write it: no trailing slash.</summary>
    public string Display => Url.AbsoluteUri.TrimEnd('/');
}

using System.Net;
using Mediagate.Http;

namespace Mediagate.Providers.HeyGen;

/// <summary>HeyGen answered with an error status; the message is already scrubbed of secrets.</summary>
public sealed class HeyGenApiException : ProviderException
{
    /// <summary>Creates the error for an HTTP status and a scrubbed upstream message.</summary>
    public HeyGenApiException(HttpStatusCode status, string detail)
        : base("HeyGen", FailureOf(status), Describe(status, detail), status, detail)
    {
    }

    private static string Describe(HttpStatusCode status, string detail)
    {
        var what = status switch
        {
            HttpStatusCode.Unauthorized => "HeyGen rejected the credential (401)",
            HttpStatusCode.PaymentRequired => "HeyGen says the account is out of credits or needs a plan upgrade (402)",
            HttpStatusCode.Forbidden => "HeyGen refused access (403)",
            HttpStatusCode.TooManyRequests => "HeyGen is rate-limiting this account (429)",
            _ => $"HeyGen answered HTTP {(int)status}",
        };
        return detail.Length == 0 ? what : $"{what}: {detail}";
    }
}

using System.Net;

namespace Mediagate.Providers.HeyGen;

/// <summary>HeyGen answered with an error status; the message is already scrubbed of secrets.</summary>
public sealed class HeyGenApiException : Exception
{
    /// <summary>Creates the error for an HTTP status and a scrubbed upstream message.</summary>
    public HeyGenApiException(HttpStatusCode status, string detail)
        : base(Describe(status, detail))
    {
        Status = status;
        Detail = detail;
    }

    /// <summary>The HTTP status HeyGen returned.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The scrubbed, truncated upstream body.</summary>
    public string Detail { get; }

    /// <summary>True for 401: the credential was rejected.</summary>
    public bool IsUnauthorized => Status == HttpStatusCode.Unauthorized;

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

using System.Net;

namespace Mediagate.Http;

/// <summary>Why a provider call failed, as far as the caller needs to act on it.</summary>
public enum ProviderFailure
{
    /// <summary>401 or 403 (or the provider's equivalent, such as Google's 400 <c>API_KEY_INVALID</c>): the key or token was rejected.</summary>
    KeyRejected,

    /// <summary>402: out of credits, quota spent, or the plan needs an upgrade.</summary>
    OutOfCredits,

    /// <summary>429 that outlasted the retries.</summary>
    RateLimited,

    /// <summary>5xx that outlasted the retries.</summary>
    ServerError,

    /// <summary>Another 4xx: the request itself was refused (bad voice id, empty query…).</summary>
    Refused,

    /// <summary>A success status with a body that is not what the API documents.</summary>
    BadResponse,

    /// <summary>The host could not be reached (DNS, connection refused, reset).</summary>
    Unreachable,

    /// <summary>No answer within the attempt timeout, on every attempt.</summary>
    TimedOut,
}

/// <summary>A provider call failed after its retries. The message names the provider, says what happened, and is scrubbed of secrets.</summary>
public class ProviderException : Exception
{
    /// <summary>Creates the error.</summary>
    public ProviderException(string provider, ProviderFailure failure, string message, HttpStatusCode? status = null, string detail = "", Exception? inner = null)
        : base(message, inner)
    {
        Provider = provider;
        Failure = failure;
        Status = status;
        Detail = detail;
    }

    /// <summary>The provider's name for people, e.g. HeyGen.</summary>
    public string Provider { get; }

    /// <summary>What kind of failure it was.</summary>
    public ProviderFailure Failure { get; }

    /// <summary>The HTTP status, when there was one.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>The scrubbed, truncated upstream body.</summary>
    public string Detail { get; }

    /// <summary>True for 401: the credential was rejected.</summary>
    public bool IsUnauthorized => Failure == ProviderFailure.KeyRejected;

    /// <summary>The failure kind for an HTTP status.</summary>
    public static ProviderFailure FailureOf(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => ProviderFailure.KeyRejected,
        402 => ProviderFailure.OutOfCredits,
        429 => ProviderFailure.RateLimited,
        >= 500 => ProviderFailure.ServerError,
        _ => ProviderFailure.Refused,
    };

    /// <summary>The error for a final error status, worded for the failure kind.</summary>
    public static ProviderException FromStatus(string provider, HttpStatusCode status, string detail, int attempts)
    {
        // Google answers a bad API key with 400 INVALID_ARGUMENT and the reason API_KEY_INVALID, not with 401.
        var failure = status == HttpStatusCode.BadRequest && detail.Contains("API_KEY_INVALID", StringComparison.Ordinal)
            ? ProviderFailure.KeyRejected
            : FailureOf(status);
        var code = (int)status;
        var tries = attempts > 1 ? $" after {attempts} attempts" : string.Empty;
        var what = failure switch
        {
            ProviderFailure.KeyRejected => $"{provider} rejected the key ({code}); check or replace it",
            ProviderFailure.OutOfCredits => $"{provider}: out of credits / plan upgrade required ({code})",
            ProviderFailure.RateLimited => $"{provider} is rate-limiting this key ({code}){tries}",
            ProviderFailure.ServerError => $"{provider} answered HTTP {code}{tries}",
            _ => $"{provider} refused the request ({code})",
        };
        return new ProviderException(provider, failure, detail.Length == 0 ? what : $"{what}: {detail}", status, detail);
    }
}

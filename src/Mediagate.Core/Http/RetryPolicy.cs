using System.Globalization;
using Mediagate.Platform;

namespace Mediagate.Http;

/// <summary>How hard a provider call tries: retries on 429, 5xx, timeouts and connection failures, with exponential backoff and jitter.</summary>
/// <param name="MaxRetries">Retries after the first attempt.</param>
/// <param name="BaseDelay">The first backoff; each retry doubles it, with jitter.</param>
/// <param name="AttemptTimeout">How long one attempt (request and body) may take.</param>
/// <param name="MaxRetryAfter">The longest <c>Retry-After</c> honoured; a longer one gives up at once rather than hang.</param>
public sealed record RetryPolicy(int MaxRetries, TimeSpan BaseDelay, TimeSpan AttemptTimeout, TimeSpan MaxRetryAfter)
{
    /// <summary>Three retries from 0.5 s, 60 s per attempt, <c>Retry-After</c> up to 30 s.</summary>
    public static RetryPolicy Default { get; } = new(3, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));

    /// <summary>The default, with <c>MEDIAGATE_HTTP_RETRIES</c> (0–10) and <c>MEDIAGATE_HTTP_TIMEOUT</c> (seconds, 1–600) applied when set and valid.</summary>
    public static RetryPolicy FromEnvironment(EnvironmentVariables environment)
    {
        var policy = Default;
        if (int.TryParse(environment.Get("MEDIAGATE_HTTP_RETRIES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var retries) && retries is >= 0 and <= 10)
        {
            policy = policy with { MaxRetries = retries };
        }
        if (double.TryParse(environment.Get("MEDIAGATE_HTTP_TIMEOUT"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 600)
        {
            policy = policy with { AttemptTimeout = TimeSpan.FromSeconds(seconds) };
        }
        return policy;
    }
}

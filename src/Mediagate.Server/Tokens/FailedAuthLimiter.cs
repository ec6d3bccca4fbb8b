using System.Threading.RateLimiting;

namespace Mediagate.Server.Tokens;

/// <summary>Counts failed authentications per client in a one-minute fixed window; past the limit the client is blocked.</summary>
internal sealed class FailedAuthLimiter(GatewayOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.FailedAuthPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public bool IsBlocked(string client) => _limiter.GetStatistics(client)?.CurrentAvailablePermits <= 0;

    public void Fail(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
    }

    public void Dispose() => _limiter.Dispose();
}

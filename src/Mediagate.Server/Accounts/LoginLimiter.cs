using System.Collections.Concurrent;

namespace Mediagate.Server.Accounts;

/// <summary>
/// Counts failed HeyGen logins (a wrong password, a rejected API key) per tenant and per email in one-minute windows, so
/// <c>POST /accounts</c> cannot be used to guess a HeyGen password: past <see cref="GatewayOptions.FailedLoginsPerMinute"/>
/// in either window, the call gets 429 without reaching HeyGen until the window ends.
/// </summary>
/// <remarks>The email's window is shared by every tenant: it protects the HeyGen account, whoever guesses.</remarks>
internal sealed class LoginLimiter(GatewayOptions options, TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (long Start, int Failures)> _windows = new();

    /// <summary>How long until a login for this tenant and email may be tried again, or null when it may be tried now.</summary>
    public TimeSpan? RetryAfter(long tenant, string? email)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        TimeSpan? wait = null;
        foreach (var key in Keys(tenant, email))
        {
            if (_windows.TryGetValue(key, out var window) && now - window.Start < Window.TotalMilliseconds && window.Failures >= Math.Max(1, options.FailedLoginsPerMinute))
            {
                var left = TimeSpan.FromMilliseconds(window.Start + Window.TotalMilliseconds - now);
                wait = wait is { } other && other > left ? other : left;
            }
        }
        return wait;
    }

    /// <summary>Counts a failed login against the tenant and the email.</summary>
    public void Failed(long tenant, string? email)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_windows.Count > PruneAbove)
        {
            foreach (var (key, window) in _windows)
            {
                if (now - window.Start >= Window.TotalMilliseconds)
                {
                    _windows.TryRemove(KeyValuePair.Create(key, window));
                }
            }
        }
        foreach (var key in Keys(tenant, email))
        {
            _windows.AddOrUpdate(key, _ => (now, 1), (_, window) => now - window.Start >= Window.TotalMilliseconds ? (now, 1) : (window.Start, window.Failures + 1));
        }
    }

    private static IEnumerable<string> Keys(long tenant, string? email)
    {
        yield return "tenant:" + tenant.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (email is not null)
        {
            yield return "email:" + AccountStore.KeyOf(email);
        }
    }
}

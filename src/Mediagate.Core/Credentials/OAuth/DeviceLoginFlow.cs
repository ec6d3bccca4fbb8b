namespace Mediagate.Credentials.OAuth;

/// <summary>Device sign-in (RFC 8628) for machines without a browser: show a code, poll until it is approved.</summary>
public sealed class DeviceLoginFlow
{
    /// <summary>The shortest poll interval, whatever the server says.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(5);

    /// <summary>The longest poll interval.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(60);

    /// <summary>What <c>slow_down</c> or 429 adds to the interval (RFC 8628 §3.5).</summary>
    public static readonly TimeSpan SlowDownStep = TimeSpan.FromSeconds(5);

    /// <summary>The longest the flow waits for approval.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(30);

    private readonly OAuthClient _client;
    private readonly TimeProvider _time;

    /// <summary>Creates the flow.</summary>
    public DeviceLoginFlow(OAuthClient client, TimeProvider time)
    {
        _client = client;
        _time = time;
    }

    /// <summary>Runs the flow and returns the tokens once the user approves.</summary>
    /// <param name="show">Shows the verification URI and user code to the user.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="OAuthException">Denied, expired, or no approval within <see cref="MaxWait"/>.</exception>
    public async Task<OAuthTokenSet> RunAsync(Action<DeviceAuthorization> show, CancellationToken cancellationToken)
    {
        var authorization = await _client.StartDeviceAsync(cancellationToken).ConfigureAwait(false);
        show(authorization);
        var interval = Clamp(authorization.Interval);
        var wait = authorization.ExpiresIn > TimeSpan.Zero && authorization.ExpiresIn < MaxWait ? authorization.ExpiresIn : MaxWait;
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            if (_time.GetUtcNow() > deadline)
            {
                throw new OAuthException(OAuthErrorKind.Expired,
                    $"the code was not approved within {wait.TotalMinutes:0} minutes; run `mediagate auth login --device` again");
            }
            var poll = await _client.PollDeviceAsync(authorization.DeviceCode, cancellationToken).ConfigureAwait(false);
            switch (poll.Status)
            {
                case DevicePollStatus.Approved:
                    return poll.Tokens!;
                case DevicePollStatus.SlowDown:
                    var slower = interval + SlowDownStep;
                    interval = Clamp(poll.RetryAfter is { } retry && retry > slower ? retry : slower);
                    break;
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan interval) =>
        interval < MinInterval ? MinInterval : interval > MaxInterval ? MaxInterval : interval;
}

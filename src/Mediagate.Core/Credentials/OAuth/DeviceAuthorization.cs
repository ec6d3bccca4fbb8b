namespace Mediagate.Credentials.OAuth;

/// <summary>A device authorization response (RFC 8628 §3.2).</summary>
public sealed record DeviceAuthorization(
    string DeviceCode,
    string UserCode,
    Uri VerificationUri,
    Uri? VerificationUriComplete,
    TimeSpan ExpiresIn,
    TimeSpan Interval);

/// <summary>The state of a device-code poll.</summary>
public enum DevicePollStatus
{
    /// <summary>The user has not finished yet.</summary>
    Pending,

    /// <summary>Poll more slowly.</summary>
    SlowDown,

    /// <summary>Tokens were issued.</summary>
    Approved,
}

/// <summary>One poll's outcome; <see cref="Tokens"/> is set when approved.</summary>
public sealed record DevicePoll(DevicePollStatus Status, OAuthTokenSet? Tokens = null, TimeSpan? RetryAfter = null);

namespace Mediagate.Credentials.OAuth;

/// <summary>Why an OAuth step failed.</summary>
public enum OAuthErrorKind
{
    /// <summary>No client id or endpoint is configured.</summary>
    NotConfigured,

    /// <summary>The server rejected the grant (400/401): the code, refresh token or device code is no good.</summary>
    Rejected,

    /// <summary>The user denied access.</summary>
    AccessDenied,

    /// <summary>The device code or the wait expired.</summary>
    Expired,

    /// <summary>The browser callback carried an error, a bad state, or no code.</summary>
    BadCallback,

    /// <summary>The server answered with something that is not a valid OAuth response.</summary>
    BadResponse,

    /// <summary>Waiting for the browser callback timed out.</summary>
    Timeout,
}

/// <summary>An OAuth step failed; the message is scrubbed of secrets and says what to do.</summary>
public sealed class OAuthException : Exception
{
    /// <summary>Creates the error.</summary>
    public OAuthException(OAuthErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>Why it failed.</summary>
    public OAuthErrorKind Kind { get; }
}

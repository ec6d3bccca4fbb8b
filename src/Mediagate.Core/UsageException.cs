namespace Mediagate;

/// <summary>The user asked for something that cannot be done as given (a bad value, an empty text, an unknown key); the CLI exits 2 with <see cref="Fix"/>.</summary>
/// <remarks>
/// <see cref="ArgumentException"/> stays what it is in .NET, a caller's bug, so a library fault is never reported as the user's
/// mistake with a hint that cannot help.
/// </remarks>
public sealed class UsageException : Exception
{
    /// <summary>Creates the error with what is wrong and, when known, how to put it right.</summary>
    public UsageException(string message, string? fix = null, Exception? inner = null)
        : base(message, inner)
    {
        Fix = fix;
    }

    /// <summary>What the user should do instead, or null when the command's own hint fits.</summary>
    public string? Fix { get; }
}

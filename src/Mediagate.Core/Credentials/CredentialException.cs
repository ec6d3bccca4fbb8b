namespace Mediagate.Credentials;

/// <summary>A credential that exists but cannot be used: a malformed file, or a value with control characters.</summary>
public sealed class CredentialException : Exception
{
    /// <summary>Creates the error with what is wrong, where, and how to fix it.</summary>
    public CredentialException(string where, string problem, string fix, Exception? inner = null)
        : base($"{where}: {problem}", inner)
    {
        Where = where;
        Problem = problem;
        Fix = fix;
    }

    /// <summary>The file path or variable name that holds the bad credential.</summary>
    public string Where { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }

    /// <summary>What the user should do about it.</summary>
    public string Fix { get; }
}

namespace Mediagate.Cli;

/// <summary>The process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>It worked.</summary>
    public const int Ok = 0;

    /// <summary>It failed, or the state it reports is not usable.</summary>
    public const int Failure = 1;

    /// <summary>The command line or an input value was wrong.</summary>
    public const int Usage = 2;
}

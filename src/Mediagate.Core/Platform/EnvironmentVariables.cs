namespace Mediagate.Platform;

/// <summary>Reads environment variables and the home directory, so that tests can supply their own.</summary>
public sealed class EnvironmentVariables
{
    private readonly Func<string, string?> _lookup;

    /// <summary>Creates a reader over a lookup function and a home directory.</summary>
    public EnvironmentVariables(Func<string, string?> lookup, string homeDirectory)
    {
        _lookup = lookup;
        HomeDirectory = homeDirectory;
    }

    /// <summary>The variables of the current process.</summary>
    public static EnvironmentVariables Process { get; } = new(
        Environment.GetEnvironmentVariable,
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home
            ? home
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>A fixed set of variables, for tests and embedding.</summary>
    public static EnvironmentVariables From(IReadOnlyDictionary<string, string> variables, string homeDirectory) =>
        new(name => variables.TryGetValue(name, out var value) ? value : null, homeDirectory);

    /// <summary>The user's home directory.</summary>
    public string HomeDirectory { get; }

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    public string? Get(string name) => _lookup(name) is { Length: > 0 } value ? value : null;

    /// <summary>The first of the names that is set, with its value.</summary>
    public (string Name, string Value)? FirstSet(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Get(name) is { } value)
            {
                return (name, value);
            }
        }
        return null;
    }

    /// <summary>True when the variable is set to a truthy value (1, true, yes, on).</summary>
    public bool IsTruthy(string name) => Get(name)?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
}

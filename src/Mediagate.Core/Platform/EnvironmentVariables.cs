namespace Mediagate.Platform;

/// <summary>Reads environment variables and the home directory, so that tests can supply their own.</summary>
/// <remarks>
/// With a project <c>.env</c> (<see cref="WithDotEnvFrom"/>), a variable the real environment does not set at all is read from
/// the file, except the names <see cref="DotEnvFile.NeverFromFile"/> refuses; the real environment always wins.
/// </remarks>
public sealed class EnvironmentVariables
{
    private readonly Func<string, string?> _lookup;

    /// <summary>Creates a reader over a lookup function and a home directory.</summary>
    public EnvironmentVariables(Func<string, string?> lookup, string homeDirectory)
        : this(lookup, homeDirectory, null)
    {
    }

    private EnvironmentVariables(Func<string, string?> lookup, string homeDirectory, DotEnvSearch? dotEnv)
    {
        _lookup = lookup;
        HomeDirectory = homeDirectory;
        DotEnv = dotEnv;
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

    /// <summary>The <c>.env</c> walk-up behind this reader, or null when none was made (tests, embedding, the server).</summary>
    public DotEnvSearch? DotEnv { get; }

    /// <summary>
    /// The same variables with the first <c>.env</c> found in <paramref name="startDirectory"/> or its 4 parents filling in the
    /// ones the real environment leaves unset; a previous <c>.env</c> layer is replaced, not stacked.
    /// </summary>
    /// <remarks>Commands start at the cwd; <c>mediagate audio --hyperframes DIR</c> starts at the project, as the peer's audio.mjs does.</remarks>
    public EnvironmentVariables WithDotEnvFrom(string startDirectory) => new(_lookup, HomeDirectory, DotEnvFile.Search(startDirectory));

    /// <summary>The same variables without any <c>.env</c> layer.</summary>
    public EnvironmentVariables WithoutDotEnv() => new(_lookup, HomeDirectory, null);

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    public string? Get(string name) => Raw(name) is { Length: > 0 } value ? value : null;

    /// <summary>The <c>.env</c> file that supplies <paramref name="name"/> (the real environment leaves it unset), or null.</summary>
    public string? DotEnvPathOf(string name) =>
        _lookup(name) is null && DotEnv?.File is { } file && file.Supply(name) is not null ? file.Path : null;

    private string? Raw(string name) => _lookup(name) ?? DotEnv?.File?.Supply(name);

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

namespace Mediagate.Platform;

/// <summary>A project <c>.env</c> file: <c>KEY=VAL</c> lines that fill in variables the real environment does not set.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Values">Its assignments, first one wins, including the names that are never taken from a file.</param>
/// <remarks>
/// The rules are HyperFrames 0.8.170's <c>loadEnvFromDir</c>: an optional <c>export </c> prefix, <c>#</c> comment lines, a quoted
/// value cut at its closing quote, no inline-comment stripping. A file may hold secrets but never says where they are sent, so
/// <see cref="NeverFromFile"/> names (<c>HEYGEN_API_BASE</c>, <c>HEYGEN_ALLOW_HTTP</c>, every <c>*_URL</c>) are ignored.
/// </remarks>
public sealed record DotEnvFile(string Path, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The file name looked for.</summary>
    public const string FileName = ".env";

    /// <summary>How many directories the walk checks: the start directory and at most 4 parents.</summary>
    public const int MaxDirectories = 5;

    /// <summary>True for a variable a file may never set: the host-gateway pair, and any base URL (a file must not redirect a key).</summary>
    public static bool NeverFromFile(string name) =>
        name is "HEYGEN_API_BASE" or "HEYGEN_ALLOW_HTTP" || name.EndsWith("_URL", StringComparison.Ordinal);

    /// <summary>The file's value for <paramref name="name"/>, unless a file may not set it.</summary>
    public string? Supply(string name) => !NeverFromFile(name) && Values.TryGetValue(name, out var value) ? value : null;

    /// <summary>The names in the file that were ignored because a file may not set them.</summary>
    public IEnumerable<string> Ignored => Values.Keys.Where(NeverFromFile);

    /// <summary>Walks up from <paramref name="startDirectory"/> and reads the first <c>.env</c> file found.</summary>
    public static DotEnvSearch Search(string startDirectory)
    {
        var start = System.IO.Path.GetFullPath(startDirectory);
        var directory = new DirectoryInfo(start);
        for (var i = 0; i < MaxDirectories && directory is not null; i++, directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, FileName);
            if (!File.Exists(candidate))
            {
                continue; // a missing .env, or a directory called .env, counts as absent
            }
            try
            {
                return new DotEnvSearch(start, new DotEnvFile(candidate, Parse(File.ReadAllText(candidate))), null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new DotEnvSearch(start, null, $"{candidate} is unreadable ({ex.GetType().Name}); it was ignored");
            }
        }
        return new DotEnvSearch(start, null, null);
    }

    /// <summary>Parses <c>.env</c> text; the first assignment of a name wins, as the peer never overwrites a name it has set.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }
            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }
            var key = line[..equals].Trim();
            if (!IsName(key))
            {
                continue;
            }
            values.TryAdd(key, Unquote(line[(equals + 1)..].Trim()));
        }
        return values;
    }

    private static string Unquote(string value)
    {
        if (value.Length > 0 && value[0] is '"' or '\'')
        {
            var close = value.IndexOf(value[0], 1);
            if (close > 0)
            {
                return value[1..close];
            }
        }
        return value;
    }

    private static bool IsName(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}

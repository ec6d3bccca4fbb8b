namespace Mediagate.Models;

/// <summary>How a pull talks to the network.</summary>
public sealed record ModelDownloadOptions
{
    /// <summary>A mirror that replaces the upstream base (<c>MEDIAGATE_MODELS_URL</c>); null for upstream.</summary>
    public Uri? Mirror { get; init; }

    /// <summary>How long the server may send nothing (headers or body) before the pull stops and keeps its part (<c>MEDIAGATE_HTTP_TIMEOUT</c>).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many redirects to follow (GitHub release downloads redirect once to their storage host).</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>Opens the part file for writing; tests swap it to simulate a full disk.</summary>
    internal Func<string, Stream> OpenPart { get; init; } = path =>
        new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);

    /// <summary>The free bytes on the disk holding a directory, or null when unknown; tests swap it.</summary>
    internal Func<string, long?> FreeSpace { get; init; } = directory =>
    {
        try
        {
            return new DriveInfo(directory).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    };
}

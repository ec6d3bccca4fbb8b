namespace Mediagate.Platform;

/// <summary>Where Mediagate keeps work it can redo: <c>$XDG_CACHE_HOME/mediagate</c>, or <c>~/.cache/mediagate</c>.</summary>
public static class CacheDirectory
{
    /// <summary>The cache root.</summary>
    public static string Root(EnvironmentVariables environment) =>
        Path.Combine(environment.Get("XDG_CACHE_HOME") ?? Path.Combine(environment.HomeDirectory, ".cache"), "mediagate");
}

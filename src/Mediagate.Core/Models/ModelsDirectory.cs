using Mediagate.Platform;

namespace Mediagate.Models;

/// <summary>Where model files live: <c>$MEDIAGATE_MODELS_DIR</c>, else <c>$XDG_DATA_HOME/mediagate/models</c>, else <c>~/.local/share/mediagate/models</c>.</summary>
/// <param name="Path">The directory.</param>
/// <param name="Source">What chose it: the variable's name, or "default".</param>
public sealed record ModelsDirectory(string Path, string Source)
{
    /// <summary>The directory the environment names.</summary>
    public static ModelsDirectory From(EnvironmentVariables environment)
    {
        if (environment.Get("MEDIAGATE_MODELS_DIR") is { } explicitDirectory)
        {
            return new(System.IO.Path.GetFullPath(explicitDirectory), "MEDIAGATE_MODELS_DIR");
        }
        if (environment.Get("XDG_DATA_HOME") is { } data)
        {
            return new(System.IO.Path.Combine(data, "mediagate", "models"), "XDG_DATA_HOME");
        }
        return new(System.IO.Path.Combine(environment.HomeDirectory, ".local", "share", "mediagate", "models"), "default");
    }

    /// <summary>The mirror that replaces the upstream base (<c>MEDIAGATE_MODELS_URL</c>), or null.</summary>
    /// <exception cref="ModelException">The variable is not an absolute http(s) URL.</exception>
    public static Uri? Mirror(EnvironmentVariables environment)
    {
        if (environment.Get("MEDIAGATE_MODELS_URL") is not { } value)
        {
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ModelException($"MEDIAGATE_MODELS_URL: {value} is not an http(s) URL",
                "set it to the mirror's base URL, under which the files keep their names (https://mirror.example/kokoro/), or unset it");
        }
        return uri;
    }
}

namespace Mediagate.Cli.Output;

/// <summary>A one-line percentage on stderr for long work on a terminal: "Speaking… 42%".</summary>
internal sealed class TerminalProgress(TextWriter error, string label) : IProgress<double>
{
    private int _shown = -1;

    public void Report(double value)
    {
        var percent = (int)Math.Clamp(value * 100, 0, 100);
        if (percent == _shown)
        {
            return;
        }
        _shown = percent;
        error.Write($"\r{label}… {percent,3}%");
    }

    public void Done()
    {
        if (_shown >= 0)
        {
            error.Write("\r\u001b[2K");
        }
    }
}

/// <summary>Calls an action for each report, at once and one at a time (unlike <see cref="Progress{T}"/>, which posts them later and out of order).</summary>
internal sealed class SyncProgress<T>(Action<T> action) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            action(value);
        }
    }
}

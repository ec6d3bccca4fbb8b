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

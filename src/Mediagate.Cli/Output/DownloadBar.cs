using System.Globalization;
using Mediagate.Models;

namespace Mediagate.Cli.Output;

/// <summary>A one-line progress bar on stderr for a download on a terminal: name, bar, percent, MiB and speed.</summary>
internal sealed class DownloadBar(TextWriter error, TimeProvider time) : IProgress<DownloadProgress>
{
    private const int Width = 24;
    private string? _file;
    private int _shown = -1;
    private long _startTicks;
    private long _startBytes;

    public void Report(DownloadProgress value)
    {
        if (_file != value.File.FileName)
        {
            Done();
            _file = value.File.FileName;
            _startTicks = time.GetTimestamp();
            _startBytes = value.Received;
            _shown = -1;
        }
        var permille = (int)Math.Clamp(value.Fraction * 1000, 0, 1000);
        if (permille == _shown)
        {
            return;
        }
        _shown = permille;
        var seconds = time.GetElapsedTime(_startTicks).TotalSeconds;
        var speed = seconds > 0.2 ? $"  {Mib(value.Received - _startBytes) / seconds,5:0.0} MiB/s" : "";
        var filled = permille * Width / 1000;
        error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{value.File.FileName} [{new string('#', filled)}{new string('-', Width - filled)}] {permille / 10.0,5:0.0}%  {Mib(value.Received):0.0}/{Mib(value.File.Size):0.0} MiB{speed}"));
    }

    /// <summary>Clears the bar's line.</summary>
    public void Done()
    {
        if (_shown >= 0)
        {
            error.Write("\r\u001b[2K");
        }
        _shown = -1;
    }

    internal static double Mib(long bytes) => bytes / 1048576.0;
}

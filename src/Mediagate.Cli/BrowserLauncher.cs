using System.ComponentModel;
using System.Diagnostics;

namespace Mediagate.Cli;

/// <summary>Opens a URL with the desktop's handler: <c>xdg-open</c> on Linux, <c>open</c> on macOS.</summary>
internal static class BrowserLauncher
{
    /// <summary>How long to wait for the opener to report failure (xdg-open exits non-zero at once when no browser is set up).</summary>
    private static readonly TimeSpan FailureWindow = TimeSpan.FromSeconds(2);

    public static bool TryOpen(Uri url)
    {
        var opener = OperatingSystem.IsMacOS() ? "open" : OperatingSystem.IsWindows() ? "explorer" : "xdg-open";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(opener, url.AbsoluteUri)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }
            // An opener still running after the window has handed the URL to a browser; one that exited must have exited 0.
            return !process.WaitForExit(FailureWindow) || process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}

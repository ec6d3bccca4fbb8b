using System.ComponentModel;
using System.Diagnostics;

namespace Mediagate.Cli;

/// <summary>Opens a URL with the desktop's handler: <c>xdg-open</c> on Linux, <c>open</c> on macOS.</summary>
internal static class BrowserLauncher
{
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
            return process is not null;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}

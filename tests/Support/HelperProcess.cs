using System.Diagnostics;

namespace Mediagate.Tests.Support;

/// <summary>Runs the test helper (tests/Mediagate.TestHelper) as a separate OS process.</summary>
public static class HelperProcess
{
    public static Process Start(params string[] args)
    {
        var helper = Path.Combine(AppContext.BaseDirectory, "Mediagate.TestHelper.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(helper);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the test helper");
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mediagate.Server.Tests.Harness;

/// <summary>A real <c>mediagate serve</c> process on a free port of 127.0.0.1 (Kestrel, as users run it), which a test can kill -9.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private GatewayProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Url { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<GatewayProcess> StartAsync(string dataDirectory, Uri upstream, string? postgres = null, int? port = null, IEnumerable<string>? arguments = null)
    {
        // A port found free can be taken by another process's outgoing connection before `serve` binds it: with a port of
        // our own choosing, try another one; a port the caller chose is the caller's to keep.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dataDirectory, upstream, postgres, port ?? FreePort(), arguments);
            }
            catch (PortTakenException) when (port is null && attempt < 5)
            {
            }
        }
    }

    /// <summary>`serve` could not bind the port it was given.</summary>
    private sealed class PortTakenException(string message) : InvalidOperationException(message);

    private static async Task<GatewayProcess> StartOnceAsync(string dataDirectory, Uri upstream, string? postgres, int port, IEnumerable<string>? arguments)
    {
        var url = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mediagate.dll"));
        foreach (var arg in new[] { "serve", "--urls", url.ToString().TrimEnd('/'), "--data", dataDirectory })
        {
            info.ArgumentList.Add(arg);
        }
        if (postgres is not null)
        {
            info.ArgumentList.Add("--postgres");
            info.ArgumentList.Add(postgres);
        }
        foreach (var arg in arguments ?? [])
        {
            info.ArgumentList.Add(arg);
        }
        var root = upstream.ToString().TrimEnd('/');
        info.Environment["HEYGEN_API_URL"] = root;
        info.Environment["MEDIAGATE_HEYGEN_WEB_URL"] = root;
        info.Environment["Gateway__SweepSeconds"] = "0.2";
        info.Environment["Gateway__InstanceTimeoutSeconds"] = "10";
        info.Environment["DOTNET_TieredPGO"] = "0";
        var gateway = new GatewayProcess(Process.Start(info)!, url);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (gateway._process.HasExited)
            {
                await gateway._process.WaitForExitAsync();
                var message = $"mediagate serve exited {gateway._process.ExitCode}: {gateway.Log}";
                throw gateway.Log.Contains("address already in use", StringComparison.Ordinal) ? new PortTakenException(message) : new InvalidOperationException(message);
            }
            try
            {
                if ((await http.GetAsync(new Uri(url, "healthz"))).StatusCode == HttpStatusCode.OK)
                {
                    return gateway;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                gateway._process.Kill(entireProcessTree: true);
                throw new TimeoutException("mediagate serve did not become healthy in 60 s: " + gateway.Log);
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as in a crash or <c>kill -9</c>.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

using Mediagate.Capabilities;
using Mediagate.Http;
using Mediagate.Models;
using Mediagate.Platform;

namespace Mediagate.Cli;

/// <summary>Everything a command touches outside itself: streams, terminal state, environment, clock, HTTP and the browser.</summary>
public sealed class CliHost
{
    private readonly Lazy<HttpClient> _http;

    /// <summary>Creates a host; tests pass their own streams and environment.</summary>
    public CliHost(
        TextWriter output,
        TextWriter error,
        TextReader input,
        EnvironmentVariables environment,
        bool inputIsTerminal = false,
        bool outputIsTerminal = false,
        TimeProvider? time = null,
        Func<HttpClient>? http = null,
        Func<Uri, bool>? openBrowser = null,
        Func<string, string?>? readSecret = null,
        LocalEngines? engines = null,
        ModelManifest? models = null)
    {
        Out = output;
        Error = error;
        In = input;
        Environment = environment;
        InputIsTerminal = inputIsTerminal;
        OutputIsTerminal = outputIsTerminal;
        Time = time ?? TimeProvider.System;
        _http = new Lazy<HttpClient>(http ?? (() => CreateHttpClient(RetryPolicy.FromEnvironment(environment))));
        OpenBrowser = openBrowser ?? BrowserLauncher.TryOpen;
        ReadSecret = readSecret ?? SecretPrompt.Read;
        Engines = engines ?? LocalEngines.System;
        Models = models ?? ModelManifest.BuiltIn;
    }

    /// <summary>The host of the running process; a project <c>.env</c> found from the cwd fills in variables the environment leaves unset.</summary>
    public static CliHost FromProcess() => new(
        Console.Out,
        Console.Error,
        Console.In,
        EnvironmentVariables.Process.WithDotEnvFrom(Directory.GetCurrentDirectory()),
        inputIsTerminal: !Console.IsInputRedirected,
        outputIsTerminal: !Console.IsOutputRedirected);

    /// <summary>The same host over another environment, sharing its streams, HTTP client and probes.</summary>
    public CliHost WithEnvironment(EnvironmentVariables environment) =>
        new(Out, Error, In, environment, InputIsTerminal, OutputIsTerminal, Time, () => Http, OpenBrowser, ReadSecret, Engines, Models);

    /// <summary>Standard output: results only.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: warnings, progress and errors.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input.</summary>
    public TextReader In { get; }

    /// <summary>Environment variables and the home directory.</summary>
    public EnvironmentVariables Environment { get; }

    /// <summary>True when stdin is a terminal (a person can answer prompts).</summary>
    public bool InputIsTerminal { get; }

    /// <summary>True when stdout is a terminal.</summary>
    public bool OutputIsTerminal { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The shared HTTP client, created on first use so that offline commands never pay for it.</summary>
    public HttpClient Http => _http.Value;

    /// <summary>Opens a URL in the user's browser; false when it could not.</summary>
    public Func<Uri, bool> OpenBrowser { get; }

    /// <summary>Asks for a secret without echoing it; null when cancelled.</summary>
    public Func<string, string?> ReadSecret { get; }

    /// <summary>The probe of the local engines' libraries and data.</summary>
    public LocalEngines Engines { get; }

    /// <summary>The pinned model files <c>mediagate models</c> knows; tests pass their own.</summary>
    public ModelManifest Models { get; }

    /// <summary>How much longer than one attempt the client itself waits before it gives up.</summary>
    internal static readonly TimeSpan BackstopMargin = TimeSpan.FromSeconds(5);

    /// <summary>The client's own timeout: a backstop just past <paramref name="policy"/>'s attempt timeout.</summary>
    /// <remarks>
    /// Provider calls time each attempt themselves (<see cref="ProviderHttp"/>, which says "did not answer within N s"), so the
    /// client must never cut them first: a fixed 30 s here capped every call whatever MEDIAGATE_HTTP_TIMEOUT said. The backstop
    /// still bounds the few calls that bring no timeout of their own.
    /// </remarks>
    internal static TimeSpan HttpTimeout(RetryPolicy policy) => policy.AttemptTimeout + BackstopMargin;

    internal static HttpClient CreateHttpClient(RetryPolicy policy) =>
        new(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = HttpTimeout(policy),
        };
}

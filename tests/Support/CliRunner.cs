#if MEDIAGATE_CLI_TESTS
using Mediagate.Capabilities;
using Mediagate.Cli;
using Mediagate.Platform;

namespace Mediagate.Tests.Support;

/// <summary>Runs <c>mediagate</c> in-process with captured streams, as a person or a script would run it.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error);

public sealed record CliOptions
{
    public string Stdin { get; init; } = "";
    public TextReader? Input { get; init; }
    public bool InputIsTerminal { get; init; }
    public bool OutputIsTerminal { get; init; }
    public TimeProvider? Time { get; init; }
    public HttpClient? Http { get; init; }
    public Func<Uri, bool>? OpenBrowser { get; init; }
    public Func<string, string?>? ReadSecret { get; init; }
    public LocalEngines? Engines { get; init; }

    /// <summary>The model manifest <c>mediagate models</c> uses; null for the built-in one.</summary>
    public Mediagate.Models.ModelManifest? Models { get; init; }

    /// <summary>Cancels the command, as Ctrl-C does.</summary>
    public CancellationToken Cancel { get; init; }

    /// <summary>Sees each line written to stderr as it is written.</summary>
    public Action<string>? ErrorTap { get; init; }
}

internal sealed class TapWriter(Action<string>? tap) : StringWriter
{
    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (value is not null)
        {
            tap?.Invoke(value);
        }
    }
}

public static class CliRunner
{
    /// <summary>No local engine libraries, so output does not depend on what this machine has installed.</summary>
    public static readonly LocalEngines NoEngines = new(_ => false, _ => false, _ => []);

    public static async Task<CliRun> RunAsync(EnvironmentVariables environment, CliOptions? options, params string[] args)
    {
        options ??= new CliOptions();
        var output = new StringWriter { NewLine = "\n" };
        var error = new TapWriter(options.ErrorTap) { NewLine = "\n" };
        var host = new CliHost(output, error, options.Input ?? new StringReader(options.Stdin), environment,
            options.InputIsTerminal, options.OutputIsTerminal, options.Time,
            options.Http is null ? null : () => options.Http,
            options.OpenBrowser ?? (_ => false),
            options.ReadSecret ?? (_ => throw new InvalidOperationException("unexpected prompt")),
            options.Engines ?? NoEngines, options.Models);
        var code = await MediagateCli.RunAsync(args, host, options.Cancel);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(EnvironmentVariables environment, params string[] args) => RunAsync(environment, null, args);
}
#endif

using System.CommandLine;
using Mediagate.Cli.Auth;

namespace Mediagate.Cli;

/// <summary>Builds the <c>mediagate</c> command tree and runs it with exit codes 0 (ok), 1 (failure) and 2 (usage).</summary>
public static class MediagateCli
{
    /// <summary>Builds the root command for a host.</summary>
    public static RootCommand Build(CliHost host) => new("Mediagate: narration with word timings, music and sound effects for video pipelines.")
    {
        AuthCommand.Create(host),
        DoctorCommand.Create(host),
        Voice.TtsCommand.Create(host),
        Voice.AlignCommand.Create(host),
        Voice.VoicesCommand.Create(host),
        Describe.DescribeCommand.Create(host),
        Sfx.SfxCommand.Create(host),
        Music.MusicCommand.Create(host),
        Soundtrack.AudioCommand.Create(host),
        MockCommand.Create(host),
        Gateway.ServeCommand.Create(host),
        Gateway.TokensCommand.Create(host),
        Models.ModelsCommand.Create(host),
    };

    /// <summary>Parses and runs <paramref name="args"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        var root = Build(host);
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = host.Out, Error = host.Error };
        if (parse.Errors.Count > 0)
        {
            // When the user typed something unknown, that is the error worth showing; "required command" would only be noise.
            var errors = parse.UnmatchedTokens.Count == 0
                ? parse.Errors
                : parse.Errors.Where(e => parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))).ToList();
            foreach (var error in errors)
            {
                host.Error.WriteLine($"error: {error.Message}");
            }
            host.Error.WriteLine($"Run '{string.Join(' ', ["mediagate", .. CommandPath(parse)])} --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }
        return names;
    }
}

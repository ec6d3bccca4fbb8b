using Spectre.Console;

namespace Mediagate.Cli;

/// <summary>A hidden prompt on the terminal.</summary>
internal static class SecretPrompt
{
    public static string? Read(string label)
    {
        try
        {
            return AnsiConsole.Prompt(new TextPrompt<string>(label + ":").Secret().AllowEmpty());
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

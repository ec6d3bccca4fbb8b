using Mediagate.Platform;

namespace Mediagate.Tests.Support;

/// <summary>A throw-away home directory with its own environment, so no test touches the real ~/.heygen.</summary>
public sealed class TempHome : IDisposable
{
    public TempHome()
    {
        Root = Path.Combine(Path.GetTempPath(), "mediagate-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Variables = new Dictionary<string, string>();
    }

    public string Root { get; }

    public Dictionary<string, string> Variables { get; }

    public string ConfigDirectory => Path.Combine(Root, ".heygen");

    public string CredentialsPath => Path.Combine(ConfigDirectory, "credentials");

    public EnvironmentVariables Environment => EnvironmentVariables.From(Variables, Root);

    public void WriteCredentials(string text)
    {
        Directory.CreateDirectory(ConfigDirectory);
        File.WriteAllText(CredentialsPath, text);
    }

    public string ReadCredentials() => File.ReadAllText(CredentialsPath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mediagate.Tests.Support;

namespace Mediagate.Server.Tests.Harness;

/// <summary>Tokens made with the real CLI, and clients for gateway processes.</summary>
public static class ProcessClient
{
    public static async Task<string> CreateTokenAsync(string dataDirectory, string? postgres = null, string name = "process")
    {
        using var home = new TempHome();
        string[] args = ["tokens", "create", "--name", name, "--json", "--data", dataDirectory, .. postgres is null ? Array.Empty<string>() : ["--postgres", postgres]];
        var run = await CliRunner.RunAsync(home.Environment, null, args);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonNode.Parse(run.Out)!["token"]!.GetValue<string>();
    }

    public static HttpClient For(Uri gateway, string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

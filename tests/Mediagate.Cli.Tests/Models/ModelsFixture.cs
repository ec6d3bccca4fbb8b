using Mediagate.Models;
using Mediagate.Tests.Support;

namespace Mediagate.Cli.Tests.Models;

/// <summary>A <see cref="ModelServer"/>, a throw-away home whose MEDIAGATE_MODELS_DIR is empty, and a way to run <c>mediagate models</c> against both.</summary>
public sealed class ModelsFixture : IAsyncDisposable
{
    private ModelsFixture(ModelServer server, string prefix)
    {
        Server = server;
        Manifest = server.Manifest(prefix);
        Home.Variables["MEDIAGATE_MODELS_DIR"] = Directory;
    }

    public ModelServer Server { get; }

    public ModelManifest Manifest { get; }

    public TempHome Home { get; } = new();

    public string Directory => Path.Combine(Home.Root, "models");

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public ModelStore Store => ModelStore.FromEnvironment(Home.Environment, Manifest);

    public string PathOf(string file) => Path.Combine(Directory, file);

    public static async Task<ModelsFixture> StartAsync(string prefix = "files") => new(await ModelServer.StartAsync(), prefix);

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(new CliOptions(), args);

    public Task<CliRun> RunAsync(CliOptions options, params string[] args) =>
        CliRunner.RunAsync(Home.Environment, options with { Http = Http, Models = Manifest }, ["models", .. args]);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Home.Dispose();
    }
}

using Mediagate.Platform;
using Microsoft.AspNetCore.Builder;

namespace Mediagate.Server;

/// <summary>The gateway on its own (<c>dotnet Mediagate.Server.dll --urls …</c>); <c>mediagate serve</c> runs the same app.</summary>
public sealed class GatewayProgram
{
    private GatewayProgram()
    {
    }

    /// <summary>Runs the gateway until it is stopped; settings come from <c>--Gateway:Key=value</c>, appsettings (read once) and the environment.</summary>
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder([.. args, GatewayApp.NoConfigReload]);
        builder.AddGateway(EnvironmentVariables.Process);
        var app = builder.Build();
        app.MapGateway();
        await app.RunAsync();
    }
}

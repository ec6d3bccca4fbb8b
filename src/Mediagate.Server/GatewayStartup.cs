using Mediagate.Server.Jobs;
using Mediagate.Server.Security;
using Mediagate.Server.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server;

/// <summary>Runs before the gateway listens: migrates the schema, makes sure the key ring has a key, registers this process and recovers lost jobs.</summary>
internal sealed class GatewayStartup(GatewayStore store, SecretBox box, Sweeper sweeper, GatewayOptions options, ILogger<GatewayStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken);
        box.EnsureKey(options.DataDirectory);
        await sweeper.RegisterAsync(cancellationToken);
        log.LogInformation("Mediagate gateway on {Store}; data directory {Data}", store.Description, options.DataDirectory);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

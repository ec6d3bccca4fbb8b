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
        if (options.AllowPrivateWebhooks)
        {
            log.LogWarning("Gateway:AllowPrivateWebhooks is true: webhooks may go to loopback, private and link-local addresses, which lets any token holder reach this host's internal services; use it for development and tests only");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

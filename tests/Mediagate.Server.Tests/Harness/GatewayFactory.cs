using Mediagate.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Tests.Harness;

/// <summary>The gateway in-process (WebApplicationFactory) on a temporary data directory, pointed at a mock upstream; <paramref name="services"/> replaces services after the gateway registered its own.</summary>
public sealed class GatewayFactory(Uri upstream, string dataDirectory, string? postgres, IReadOnlyDictionary<string, string>? settings, Action<IServiceCollection>? services = null) : WebApplicationFactory<GatewayProgram>
{
    /// <summary>Settings that make background work quick enough to observe in a test.</summary>
    public static IReadOnlyDictionary<string, string> Quick { get; } = new Dictionary<string, string>
    {
        ["Gateway:SweepSeconds"] = "0.2",
        ["Gateway:TokenCacheSeconds"] = "0",
        ["Gateway:WebhookBackoffSeconds"] = "0.05,0.1,0.2",
        ["Gateway:InstanceTimeoutSeconds"] = "5",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var root = upstream.ToString().TrimEnd('/');
        builder.UseSetting("Gateway:DataDirectory", dataDirectory);
        builder.UseSetting("Gateway:HeyGenApiUrl", root);
        builder.UseSetting("Gateway:HeyGenWebUrl", root);
        if (postgres is not null)
        {
            builder.UseSetting("Gateway:Postgres", postgres);
        }
        foreach (var (key, value) in Quick.Concat(settings ?? new Dictionary<string, string>()).GroupBy(p => p.Key).Select(g => g.Last()))
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.ClearProviders());
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}

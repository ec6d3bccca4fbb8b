using Mediagate.Capabilities;
using Mediagate.Credentials;

namespace Mediagate.Cli.Output;

/// <summary>What a command that follows a chain starts from: the HeyGen credential, and the chains over the clients the keys allow.</summary>
internal sealed record ChainContext(CredentialResolution Resolution, CapabilityChains Chains)
{
    public static ChainContext For(CliHost host)
    {
        var resolution = new HeyGenCredentialResolver(host.Environment, CredentialFileStore.ForEnvironment(host.Environment), host.Time).Resolve();
        return new ChainContext(resolution, Over(host, resolution));
    }

    /// <summary>The chains for a credential that was already resolved.</summary>
    public static CapabilityChains Over(CliHost host, CredentialResolution resolution) =>
        new(new ProviderSet(host.Environment, () => host.Http, host.Time, resolution), host.Engines, host.Models);
}

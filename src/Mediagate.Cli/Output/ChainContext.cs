using Mediagate.Capabilities;
using Mediagate.Credentials;

namespace Mediagate.Cli.Output;

/// <summary>What a command that follows a chain starts from: the HeyGen credential, the capability's chain, and the clients the keys allow.</summary>
internal sealed record ChainContext(CredentialResolution Resolution, ChainDecision Chain, ProviderSet Providers)
{
    public static ChainContext For(CliHost host, Capability capability)
    {
        var resolution = new HeyGenCredentialResolver(host.Environment, CredentialFileStore.ForEnvironment(host.Environment), host.Time).Resolve();
        return new ChainContext(
            resolution,
            new CapabilityChains(host.Environment, host.Engines).Explain(capability, resolution),
            new ProviderSet(host.Environment, () => host.Http, host.Time, resolution));
    }
}

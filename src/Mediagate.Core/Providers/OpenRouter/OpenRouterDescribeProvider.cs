using Mediagate.Capabilities;
using Mediagate.Capabilities.Describe;

namespace Mediagate.Providers.OpenRouter;

/// <summary>OpenRouter as an image describer, with the model that <c>MEDIAGATE_OPENROUTER_MODEL</c> names.</summary>
public sealed class OpenRouterDescribeProvider(ProviderSet providers) : IDescribeProvider
{
    private readonly string _model = OpenRouterClient.Model(providers.Environment);

    /// <inheritdoc />
    public string Id => "openrouter";

    /// <inheritdoc />
    public string Label => "OpenRouter";

    /// <inheritdoc />
    public Availability Availability => providers.KeyAvailability(ProviderSet.OpenRouterKey);

    /// <inheritdoc />
    public Task<string> DescribeAsync(string prompt, ReadOnlyMemory<byte> image, string mediaType, CancellationToken cancellationToken) =>
        (providers.OpenRouter() ?? throw new ProviderUnavailableException(ChainWording.NoKey([ProviderSet.OpenRouterKey])))
            .DescribeAsync(_model, prompt, image, mediaType, cancellationToken);
}

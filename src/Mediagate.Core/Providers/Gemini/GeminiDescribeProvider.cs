using Mediagate.Capabilities;
using Mediagate.Capabilities.Describe;

namespace Mediagate.Providers.Gemini;

/// <summary>Gemini as an image describer, with the model that <c>MEDIAGATE_GEMINI_MODEL</c> names.</summary>
public sealed class GeminiDescribeProvider(ProviderSet providers) : IDescribeProvider
{
    private readonly string _model = GeminiClient.DescribeModel(providers.Environment);

    /// <inheritdoc />
    public string Id => "gemini";

    /// <inheritdoc />
    public string Label => "Gemini";

    /// <inheritdoc />
    public Availability Availability => providers.KeyAvailability(ProviderSet.GoogleKeys);

    /// <inheritdoc />
    public Task<string> DescribeAsync(string prompt, ReadOnlyMemory<byte> image, string mediaType, CancellationToken cancellationToken) =>
        (providers.Gemini() ?? throw new ProviderUnavailableException(ChainWording.NoKey(ProviderSet.GoogleKeys)))
            .DescribeAsync(_model, prompt, image, mediaType, cancellationToken);
}

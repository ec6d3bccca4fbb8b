namespace Mediagate.Capabilities.Describe;

/// <summary>A model that describes an image in words (OpenRouter, Gemini).</summary>
public interface IDescribeProvider : IProvider
{
    /// <summary>Answers <paramref name="prompt"/> about one image.</summary>
    Task<string> DescribeAsync(string prompt, ReadOnlyMemory<byte> image, string mediaType, CancellationToken cancellationToken);
}

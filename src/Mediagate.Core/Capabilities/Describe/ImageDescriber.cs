namespace Mediagate.Capabilities.Describe;

/// <summary>
/// Describes images for a storyboard, one sentence each, through the describe chain (OpenRouter, then Gemini): batches of
/// <see cref="BatchSize"/> at once with <see cref="BatchPause"/> between batches, images over <see cref="MaxImageBytes"/> skipped
/// with the reason, as the peer does. Each image falls back on its own, and a failure is recorded rather than ending the run.
/// </summary>
public sealed class ImageDescriber
{
    /// <summary>The largest image sent: 4 MB.</summary>
    public const long MaxImageBytes = 4L * 1024 * 1024;

    /// <summary>Images sent at once.</summary>
    public const int BatchSize = 20;

    /// <summary>The pause between batches.</summary>
    public static readonly TimeSpan BatchPause = TimeSpan.FromSeconds(2);

    /// <summary>What the model is asked.</summary>
    public const string Prompt =
        "In one short sentence for a video storyboard, say what this image shows: its subject, its layout and its main colours. Answer with the sentence alone.";

    private readonly ProviderChain<IDescribeProvider> _chain;
    private readonly TimeProvider _time;

    /// <summary>Creates the describer over the describe chain; a provider that falls over on one image is skipped for the rest.</summary>
    public ImageDescriber(ProviderChain<IDescribeProvider> chain, TimeProvider time)
    {
        _chain = chain;
        _time = time;
    }

    /// <summary>Describes every image, in order; <paramref name="progress"/> receives the count done.</summary>
    /// <exception cref="CredentialRejectedException">A provider rejected its key: the run stops.</exception>
    public async Task<IReadOnlyList<ImageDescription>> DescribeAsync(
        IReadOnlyList<string> paths, string requested, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var results = new ImageDescription[paths.Count];
        var done = 0;
        for (var start = 0; start < paths.Count; start += BatchSize)
        {
            if (start > 0)
            {
                await Task.Delay(BatchPause, _time, cancellationToken).ConfigureAwait(false);
            }
            var batch = Enumerable.Range(start, Math.Min(BatchSize, paths.Count - start)).Select(async i =>
            {
                results[i] = await DescribeOneAsync(paths[i], requested, cancellationToken).ConfigureAwait(false);
                progress?.Report(Interlocked.Increment(ref done));
            });
            await Task.WhenAll(batch).ConfigureAwait(false);
        }
        return results;
    }

    /// <summary>The media type of an image from its first bytes, or null for anything else (SVG included).</summary>
    public static string? MediaType(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x47, 0x49, 0x46, 0x38, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };

    private async Task<ImageDescription> DescribeOneAsync(string path, string requested, CancellationToken cancellationToken)
    {
        byte[] image;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return ImageDescription.Skip(path, "file not found");
            }
            if (info.Length > MaxImageBytes)
            {
                return ImageDescription.Skip(path, $"{info.Length / 1048576.0:0.0} MB is over the 4 MB limit; export a smaller copy");
            }
            image = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ImageDescription.Skip(path, "cannot read: " + ex.Message);
        }
        if (MediaType(image) is not { } mediaType)
        {
            return ImageDescription.Skip(path, Path.GetExtension(path).Equals(".svg", StringComparison.OrdinalIgnoreCase)
                ? "SVG is not sent; export it as PNG first"
                : "not a PNG, JPEG, GIF or WebP image");
        }
        try
        {
            var outcome = await _chain.RunAsync(requested, (provider, _, token) => provider.DescribeAsync(Prompt, image, mediaType, token), cancellationToken).ConfigureAwait(false);
            return new ImageDescription(path, OneLine(outcome.Value), outcome.Provider, null, null, outcome.Decision);
        }
        catch (ChainFailedException ex)
        {
            return new ImageDescription(path, null, null, null, ex.Message, ex.Decision);
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>One image's outcome: a sentence, or why it was skipped, or why every provider failed.</summary>
/// <param name="Path">The image.</param>
/// <param name="Sentence">The description.</param>
/// <param name="Provider">Who described it.</param>
/// <param name="Skipped">Why it was not sent (too large, not an image…).</param>
/// <param name="Error">Why it failed after it was sent.</param>
/// <param name="Chain">The chain as it played out for this image.</param>
public sealed record ImageDescription(string Path, string? Sentence, string? Provider, string? Skipped, string? Error, ChainDecision? Chain)
{
    /// <summary>An image that was not sent.</summary>
    public static ImageDescription Skip(string path, string reason) => new(path, null, null, reason, null, null);
}

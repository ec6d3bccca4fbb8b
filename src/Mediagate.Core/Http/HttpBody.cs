using System.Net.Http.Headers;
using System.Text;

namespace Mediagate.Http;

/// <summary>Reads response bodies with a size cap, so that a hostile or broken server cannot exhaust memory.</summary>
public static class HttpBody
{
    /// <summary>The default cap for JSON bodies: 64 KiB.</summary>
    public const int DefaultLimit = 64 * 1024;

    /// <summary>Reads the body as UTF-8 text, up to <paramref name="limit"/> bytes.</summary>
    /// <exception cref="HttpRequestException">The body is larger than the limit.</exception>
    public static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken, int limit = DefaultLimit)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[Math.Min(limit + 1, 16 * 1024)];
        using var collected = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            collected.Write(buffer, 0, read);
            if (collected.Length > limit)
            {
                throw new HttpRequestException($"The response from {response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path)} is larger than {limit / 1024} KiB.");
            }
        }
        return Encoding.UTF8.GetString(collected.GetBuffer(), 0, (int)collected.Length);
    }

    /// <summary>The delay that a <c>Retry-After</c> header asks for, if any.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is not { } retry)
        {
            return null;
        }
        if (retry.Delta is { } delta)
        {
            return delta;
        }
        return retry.Date is { } date && date > now ? date - now : TimeSpan.Zero;
    }
}

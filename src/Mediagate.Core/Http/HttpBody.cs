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
        var body = await ReadAsync(response, limit, _ => new HttpRequestException(
            $"The response from {response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path)} is larger than {limit / 1024} KiB."), cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(body);
    }

    /// <summary>
    /// Reads the body, up to <paramref name="limit"/> bytes, into one buffer sized by <c>Content-Length</c> when the server sends it.
    /// A larger body throws what <paramref name="tooLarge"/> makes of the declared length (null when undeclared), or, with no
    /// <paramref name="tooLarge"/>, is cut at the limit.
    /// </summary>
    public static async Task<ArraySegment<byte>> ReadAsync(HttpResponseMessage response, int limit, Func<long?, Exception>? tooLarge, CancellationToken cancellationToken)
    {
        var expected = response.Content.Headers.ContentLength;
        if (tooLarge is not null && expected > limit)
        {
            throw tooLarge(expected);
        }
        var buffer = new byte[expected is { } length and > 0 ? (int)Math.Min(length, limit) : Math.Min(16 * 1024, limit)];
        var filled = 0;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        while (filled != expected)
        {
            // The handler never gives more than Content-Length bytes, so a body that reached it is complete.
            if (filled == buffer.Length)
            {
                if (buffer.Length >= limit)
                {
                    // One byte more would break the cap: with tooLarge that fails, without it the body is simply cut.
                    if (tooLarge is null || await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) == 0)
                    {
                        break;
                    }
                    throw tooLarge(null);
                }
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        return new ArraySegment<byte>(buffer, 0, filled);
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

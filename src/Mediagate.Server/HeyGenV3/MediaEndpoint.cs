using System.Globalization;
using Mediagate.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// <c>GET /v3/media/{id}?expires=&amp;sig=</c>: the cached upstream media, with no auth header (HyperFrames downloads with none);
/// the signature is the credential. A bad signature is 403, an expired URL or an evicted entry 410. Ranges are served. Only
/// audio types are served as such (anything else as application/octet-stream), always with nosniff and a sandbox policy.
/// </summary>
internal static class MediaEndpoint
{
    public static RouteHandlerBuilder MapMedia(this IEndpointRouteBuilder app) =>
        app.MapMethods("/v3/media/{id}", ["GET", "HEAD"], GetAsync).WithTags("HeyGen v3")
            .WithSummary("Media from a /v3 answer's audio_url: signed and expiring, no token needed.");

    private static async Task<IResult> GetAsync(string id, HttpContext http, MediaCache cache, MediaSigner signer, TimeProvider time, ILogger<MediaCache> log)
    {
        var query = http.Request.Query;
        if (!long.TryParse(query["expires"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || query["sig"].ToString() is not { Length: > 0 } sig || !signer.Verify(id, expires, sig))
        {
            return HeyGenError.Result(StatusCodes.Status403Forbidden,
                "the media URL's signature is missing or wrong; use the audio_url exactly as the gateway gave it");
        }
        if (expires <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            return Gone();
        }
        CachedMedia? media;
        try
        {
            media = await cache.GetAsync(id, http.RequestAborted);
        }
        catch (ProviderException ex)
        {
            log.LogWarning("Media {Id} could not be fetched from upstream: {Reason}", id, ex.Message);
            return HeyGenError.Result(StatusCodes.Status502BadGateway, "the gateway could not fetch this media from HeyGen; try again, or ask for it again");
        }
        if (media is null)
        {
            return Gone();
        }
        var headers = http.Response.Headers;
        headers.CacheControl = "private, max-age=" + Math.Max(0, expires - time.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        // Served from the gateway's own origin: never as a page a browser would run.
        var type = AudioType(media.ContentType);
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox";
        headers.ContentDisposition = (type == Binary ? "attachment" : "inline") + $"; filename=\"{id}\"";
        return Results.Bytes(media.Bytes.AsMemory(), type, enableRangeProcessing: true);
    }

    /// <summary>The upstream type when it is an audio type, else <see cref="Binary"/>.</summary>
    public static string AudioType(string contentType) =>
        System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType is { } type
            && type.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) && type.Length > 6 && type.AsSpan(6).IndexOfAny(";, \"") < 0
            ? type.ToLowerInvariant() : Binary;

    private const string Binary = "application/octet-stream";

    private static IResult Gone() => HeyGenError.Result(StatusCodes.Status410Gone,
        "this media URL has expired or its media left the gateway's cache; make the request that gave it again");
}

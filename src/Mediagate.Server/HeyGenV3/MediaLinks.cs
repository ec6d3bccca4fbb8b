using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// Turns upstream media URLs into the gateway's own: every string member named <c>*_url</c> that holds an absolute http(s) URL,
/// anywhere in an answer, becomes <c>{public}/v3/media/{id}?expires=…&amp;sig=…</c>, so no presigned upstream URL reaches a client.
/// A URL on any other host than HeyGen's media hosts (<see cref="MediaHosts"/>) is not fetched: it becomes null.
/// </summary>
/// <remarks>
/// The public address is <see cref="GatewayOptions.PublicUrl"/> (<c>--public-url</c>, <c>Gateway__PublicUrl</c>); unset, it is
/// the request's own scheme and host, which is right only when clients reach the gateway by the name they asked for.
/// </remarks>
internal sealed class MediaLinks(MediaCache cache, MediaSigner signer, MediaHosts hosts, GatewayOptions options, Microsoft.Extensions.Logging.ILogger<MediaLinks> log)
{
    /// <summary>Rewrites every media URL in <paramref name="node"/> in place; returns how many it rewrote.</summary>
    public int Rewrite(JsonNode? node, HttpRequest request)
    {
        var count = 0;
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var value = obj[name];
                    if (name.EndsWith("_url", StringComparison.Ordinal) && value is JsonValue text && text.TryGetValue<string>(out var url)
                        && Uri.TryCreate(url, UriKind.Absolute, out var upstream) && upstream.Scheme is "http" or "https")
                    {
                        if (hosts.Allows(upstream))
                        {
                            obj[name] = Link(upstream, request);
                            count++;
                        }
                        else
                        {
                            // Only the host: the rest of a URL can carry a signature.
                            Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(log, "An upstream answer named media on {Host}, which is not one of HeyGen's media hosts; it was left out", upstream.IdnHost);
                            obj[name] = null;
                        }
                    }
                    else
                    {
                        count += Rewrite(value, request);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    count += Rewrite(item, request);
                }
                break;
        }
        return count;
    }

    /// <summary>The gateway's signed URL for <paramref name="upstream"/>.</summary>
    public string Link(Uri upstream, HttpRequest request)
    {
        var (id, expires) = cache.Register(upstream, request.HttpContext.Caller().TenantId);
        var root = options.PublicUrl?.AbsoluteUri ?? $"{request.Scheme}://{request.Host}{request.PathBase}/";
        return $"{root}v3/media/{id}?expires={expires.ToString(CultureInfo.InvariantCulture)}&sig={signer.Sign(id, expires)}";
    }
}

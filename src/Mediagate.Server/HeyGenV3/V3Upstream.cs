using System.Text.Json;
using System.Text.Json.Nodes;
using Mediagate.Credentials;
using Mediagate.Http;
using Mediagate.Providers.HeyGen;
using Mediagate.Server.Api;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// HeyGen's <c>/v3</c> as it is, for the routes the gateway relays: the request goes upstream with the account's credential and
/// the answer comes back as JSON, so fields the gateway does not know pass through. HeyGen's refusals (4xx but 401) keep their status
/// and HeyGen's own message (scrubbed of secrets); other failures are <see cref="ProviderException"/>s, which the job runner words.
/// </summary>
internal sealed class V3Upstream(IHttpClientFactory factory, GatewayOptions options, MediaHosts hosts, TimeProvider time)
{
    private readonly ProviderHttp _http = new(factory.CreateClient(Upstream.HttpClientName), "HeyGen", options.Upstream, time);
    private readonly ProviderHttp _media = new(factory.CreateClient(MediaHosts.HttpClientName), "HeyGen", options.Upstream, time);

    /// <summary>Sends <paramref name="method"/> <paramref name="pathAndQuery"/> (starting <c>v3/</c>) with an optional JSON body; an empty answer is <c>{}</c>.</summary>
    public Task<JsonObject> SendAsync(HeyGenCredential credential, HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken cancellationToken) =>
        SendContentAsync(credential, method, pathAndQuery, body is null ? null : () => ProviderHttp.JsonContent(body), cancellationToken);

    /// <summary>Sends <paramref name="method"/> <paramref name="pathAndQuery"/> with the body <paramref name="content"/> makes (once per attempt).</summary>
    public async Task<JsonObject> SendContentAsync(HeyGenCredential credential, HttpMethod method, string pathAndQuery, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        ProviderResponse response;
        try
        {
            response = await _http.SendAsync(() =>
            {
                var request = new HttpRequestMessage(method, new Uri(options.HeyGenApiUrl, pathAndQuery));
                HeyGenApi.Authorize(request, credential);
                if (content is not null)
                {
                    request.Content = content();
                }
                return request;
            }, [credential.Secret], cancellationToken, ProviderHttp.JsonLimit);
        }
        // A 403 is HeyGen refusing the operation ("Public voices cannot be deleted"), not the key: only a 401 says the key is bad.
        catch (ProviderException ex) when (ex.Status is { } status && (ex.Failure == ProviderFailure.Refused || status == System.Net.HttpStatusCode.Forbidden))
        {
            throw new ApiException((int)status, RefusalMessage(ex.Detail) ?? $"HeyGen refused the request ({(int)status})");
        }
        if (response.Body.Count == 0)
        {
            return [];
        }
        try
        {
            return response.JsonObject();
        }
        catch (JsonException ex)
        {
            throw _http.BadResponse("the answer is not a JSON object", ex);
        }
    }

    /// <summary>Downloads presigned media (no credential: the URL carries its own signature) of at most <paramref name="limit"/> bytes, from HeyGen's media hosts only.</summary>
    public Task<ProviderResponse> DownloadAsync(Uri url, int limit, CancellationToken cancellationToken) =>
        hosts.Allows(url)
            ? _media.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), [url.Query], cancellationToken, limit)
            : throw new ProviderException("HeyGen", ProviderFailure.Refused, $"HeyGen: media on {url.IdnHost} is not on HeyGen's media hosts (Gateway__MediaHosts)");

    /// <summary>HeyGen's <c>error.message</c> (or <c>message</c>) from a refusal's body, or null.</summary>
    private static string? RefusalMessage(string detail)
    {
        try
        {
            var root = JsonNode.Parse(detail) as JsonObject;
            return (root?["error"] as JsonObject)?["message"]?.GetValue<string>() ?? root?["message"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

using Mediagate.Http;

namespace Mediagate.Providers;

/// <summary>What every key-authenticated provider client holds: its caller (retries, timeouts, errors), base URL and key.</summary>
public abstract class KeyedProviderClient
{
    /// <summary>Creates the client.</summary>
    protected KeyedProviderClient(HttpClient http, string provider, Uri baseUrl, string apiKey, RetryPolicy? policy, TimeProvider? time)
    {
        Http = new ProviderHttp(http, provider, policy, time);
        BaseUrl = baseUrl;
        Key = apiKey;
    }

    /// <summary>The caller.</summary>
    protected ProviderHttp Http { get; }

    /// <summary>The base URL, ending in '/'.</summary>
    protected Uri BaseUrl { get; }

    /// <summary>The key; never printed.</summary>
    protected string Key { get; }

    /// <summary>Posts a JSON body with one auth header, and returns the answer as a JSON object.</summary>
    protected Task<System.Text.Json.Nodes.JsonObject> PostJsonAsync(string path, System.Text.Json.Nodes.JsonNode body, string header, string headerValue, CancellationToken cancellationToken, int limit = ProviderHttp.JsonLimit) =>
        Http.SendJsonAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, path));
            request.Headers.TryAddWithoutValidation(header, headerValue);
            request.Content = ProviderHttp.JsonContent(body);
            return request;
        }, [Key], cancellationToken, limit);
}

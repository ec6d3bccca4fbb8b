using System.Text.Json;
using System.Text.Json.Nodes;
using Mediagate.Credentials;
using Mediagate.Http;

namespace Mediagate.Providers.HeyGen;

/// <summary>Asks HeyGen who a credential belongs to: <c>GET {base}/v3/users/me</c>.</summary>
public sealed class HeyGenIdentityClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseUrl;

    /// <summary>Creates the client for a base URL such as <c>https://api.heygen.com/</c>.</summary>
    public HeyGenIdentityClient(HttpClient http, Uri baseUrl)
    {
        _http = http;
        _baseUrl = baseUrl;
    }

    /// <summary>Fetches the account behind <paramref name="credential"/>.</summary>
    /// <exception cref="HeyGenApiException">HeyGen answered with an error status.</exception>
    /// <exception cref="HttpRequestException">HeyGen could not be reached, or the body was too large.</exception>
    public async Task<HeyGenAccount> GetAccountAsync(HeyGenCredential credential, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseUrl, "v3/users/me"));
        HeyGenApi.Authorize(request, credential);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await HttpBody.ReadTextAsync(response, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HeyGenApiException(response.StatusCode, SecretScrubber.Scrub(body, credential.Secret));
        }
        try
        {
            return Parse(body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new HttpRequestException($"HeyGen's /v3/users/me answer is not the expected JSON: {SecretScrubber.Scrub(body, credential.Secret)}", ex);
        }
    }

    /// <summary>Parses the body, which may come bare or wrapped as <c>{code, message, data:{…}}</c>.</summary>
    public static HeyGenAccount Parse(string body)
    {
        if (JsonNode.Parse(body) is not JsonObject root)
        {
            throw new JsonException("the body is not a JSON object");
        }
        var user = root["data"] as JsonObject ?? root;
        var wallet = user["wallet"] as JsonObject;
        var subscription = user["subscription"] as JsonObject;
        var credits = subscription?["credits"] as JsonObject;
        var usage = user["usage_based"] as JsonObject;
        return new HeyGenAccount(
            Text(user, "email"),
            Text(user, "username"),
            Text(user, "first_name"),
            Text(user, "last_name"),
            Text(user, "billing_type"),
            wallet is null ? null : new HeyGenWallet(Text(wallet, "currency"), Number(wallet, "remaining_balance"), Flag(wallet, "auto_reload")),
            subscription is null ? null : new HeyGenSubscription(
                Text(subscription, "plan"),
                Credits(credits?["premium_credits"] as JsonObject),
                Credits(credits?["add_on_credits"] as JsonObject)),
            usage is null ? null : new HeyGenUsage(Number(usage, "spending_current_usd"), Number(usage, "spending_cap_usd")))
        {
            Gateway = Gateway(user["mediagate"] as JsonObject),
        };
    }

    /// <summary>The gateway block, when <c>data.mediagate.gateway</c> is <c>"mediagate"</c>; null for HeyGen itself or anything else.</summary>
    private static MediagateGateway? Gateway(JsonObject? node)
    {
        if (node is null || !string.Equals(Text(node, "gateway"), MediagateGateway.Marker, StringComparison.Ordinal))
        {
            return null;
        }
        var accounts = (node["accounts"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(a => new MediagateGatewayAccount(Text(a, "id"), Text(a, "label"), Count(a, "max_jobs"), Count(a, "running"), Text(a, "state")))
            .ToList();
        var capacity = node["capacity"] as JsonObject;
        return new MediagateGateway(
            Text(node, "version"),
            Text(node, "tenant"),
            accounts,
            capacity is null ? null : new MediagateGatewayCapacity(Count(capacity, "max_jobs"), Count(capacity, "running"), Count(capacity, "free")));
    }

    private static int? Count(JsonObject node, string key) => Number(node, key) is { } value && value >= 0 && value <= int.MaxValue ? (int)value : null;

    private static HeyGenCredits? Credits(JsonObject? node) =>
        node is null ? null : new HeyGenCredits(Number(node, "remaining"), Text(node, "resets_at"));

    private static string? Text(JsonObject node, string key) => JsonFields.Text(node, key, numbersAsText: true);

    private static decimal? Number(JsonObject node, string key) => JsonFields.Decimal(node, key);

    private static bool? Flag(JsonObject node, string key) => JsonFields.Flag(node, key);
}

using System.Globalization;
using System.Net;
using Mediagate.Http;
using Mediagate.Platform;
using Mediagate.Providers.HeyGen;
using Microsoft.Extensions.Configuration;

namespace Mediagate.Server;

/// <summary>How the gateway runs: where it keeps its data, which database, where HeyGen is, and its limits.</summary>
internal sealed record GatewayOptions
{
    /// <summary>The configuration section the options are read from (<c>Gateway:DataDirectory</c> and so on).</summary>
    public const string Section = "Gateway";

    /// <summary>The HeyGen web login's default base URL.</summary>
    public const string DefaultWebUrl = "https://api2.heygen.com";

    /// <summary>The data directory: the SQLite file, the key ring.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>A PostgreSQL connection string; null means SQLite in the data directory.</summary>
    public string? Postgres { get; init; }

    /// <summary>HeyGen's public API (<c>HEYGEN_API_URL</c>).</summary>
    public required Uri HeyGenApiUrl { get; init; }

    /// <summary>HeyGen's web login (<c>MEDIAGATE_HEYGEN_WEB_URL</c>).</summary>
    public required Uri HeyGenWebUrl { get; init; }

    /// <summary>The largest request body accepted.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>The deepest JSON accepted.</summary>
    public int MaxJsonDepth { get; init; } = 16;

    /// <summary>How long finished jobs are kept.</summary>
    public TimeSpan JobRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long before a web session expires it is renewed.</summary>
    public TimeSpan SessionRefreshMargin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sweeper beats its heart, recovers dead processes' jobs, renews sessions and drops old jobs.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a process may miss its heartbeat before others take its jobs as lost.</summary>
    public TimeSpan InstanceTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a verified API token is trusted before the database is read again.</summary>
    public TimeSpan TokenCacheLifetime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed authentications one client may make per minute before it gets 429.</summary>
    public int FailedAuthPerMinute { get; init; } = 20;

    /// <summary>At most this many accounts per tenant (<c>Gateway__MaxAccountsPerTenant</c>; useapi.net allows 3 per subscription); null for no limit.</summary>
    public int? MaxAccountsPerTenant { get; init; }

    /// <summary>Failed HeyGen logins (wrong password, rejected key) per tenant and per email per minute before POST /accounts gets 429.</summary>
    public int FailedLoginsPerMinute { get; init; } = 5;

    /// <summary>The waits between webhook attempts; one more attempt than there are waits.</summary>
    public IReadOnlyList<TimeSpan> WebhookBackoff { get; init; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    /// <summary>Lets webhooks go to loopback, private and link-local addresses: for development and tests only.</summary>
    public bool AllowPrivateWebhooks { get; init; }

    /// <summary>How many deliveries to one destination (scheme, host and port) run at once; the rest of its queue waits.</summary>
    public int WebhookConcurrencyPerHost { get; init; } = 4;

    /// <summary>The reverse proxies whose <c>X-Forwarded-For</c> names the client: addresses or networks (<c>10.0.0.0/8</c>); none means the header is ignored.</summary>
    public IReadOnlyList<IPNetwork> KnownProxies { get; init; } = [];

    /// <summary>How many requests the local voice fallback of <c>/v1/audio/speech</c> speaks at once; as many again may wait, and more get 429.</summary>
    public int LocalSpeechConcurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>The gateway's public URL, the only entry of the OpenAPI document's <c>servers</c>; null leaves <c>servers</c> out.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>How long a <c>/v3</c> call waits for a free slot when every account is busy, before 429 (<c>Gateway__SlotWaitSeconds</c>; 0 answers at once).</summary>
    public TimeSpan SlotWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most bytes of upstream media the <c>/v3</c> media cache keeps (<c>Gateway__MediaCacheBytes</c>); the least recently used go first.</summary>
    public long MediaCacheBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The most bytes of media one tenant may hold in the cache, in-flight downloads included (<c>Gateway__MediaTenantBytes</c>); null is a quarter of <see cref="MediaCacheBytes"/>.</summary>
    public long? MediaTenantBytes { get; init; }

    /// <summary>The largest single media body fetched (<c>Gateway__MediaMaxBytes</c>); a larger one is refused.</summary>
    public long MediaMaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>HeyGen's media hosts: media is fetched over https from these and their subdomains, or from <see cref="HeyGenApiUrl"/>'s own origin (<c>Gateway__MediaHosts</c>, comma-separated).</summary>
    public IReadOnlyList<string> MediaHosts { get; init; } = ["heygen.ai", "heygen.com"];

    /// <summary>How many large-body requests (voice clones) one tenant may send at once (<c>Gateway__LargeBodiesPerTenant</c>); more get 429 before their body is read.</summary>
    public int LargeBodiesPerTenant { get; init; } = 2;

    /// <summary>How many large-body requests the gateway takes at once, all tenants together (<c>Gateway__LargeBodies</c>).</summary>
    public int LargeBodies { get; init; } = 8;

    /// <summary>The per-tenant media share in bytes.</summary>
    public long MediaTenantShare => MediaTenantBytes ?? Math.Max(1, MediaCacheBytes / 4);

    /// <summary>How long a <c>/v3/media</c> URL is valid and its media kept (<c>Gateway__MediaTtlSeconds</c>).</summary>
    public TimeSpan MediaTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Retries and timeouts of upstream calls.</summary>
    public RetryPolicy Upstream { get; init; } = RetryPolicy.Default;

    /// <summary>The SQLite file, when SQLite is the store.</summary>
    public string SqlitePath => Path.Combine(DataDirectory, "gateway.db");

    /// <summary>The default data directory: <c>MEDIAGATE_DATA_DIR</c>, else <c>$XDG_DATA_HOME/mediagate</c>, else <c>~/.local/share/mediagate</c>.</summary>
    public static string DefaultDataDirectory(EnvironmentVariables environment) =>
        environment.Get("MEDIAGATE_DATA_DIR")
        ?? Path.Combine(environment.Get("XDG_DATA_HOME") ?? Path.Combine(environment.HomeDirectory, ".local", "share"), "mediagate");

    /// <summary>Reads the options from configuration (<c>Gateway:*</c>), falling back on the environment and the defaults.</summary>
    /// <exception cref="GatewayConfigurationException">A value is malformed.</exception>
    public static GatewayOptions From(IConfiguration configuration, EnvironmentVariables environment)
    {
        var section = configuration.GetSection(Section);
        var options = new GatewayOptions
        {
            DataDirectory = Path.GetFullPath(section["DataDirectory"] is { Length: > 0 } data ? data : DefaultDataDirectory(environment)),
            Postgres = section["Postgres"] is { Length: > 0 } pg ? pg : environment.Get("MEDIAGATE_POSTGRES"),
            HeyGenApiUrl = Url(section["HeyGenApiUrl"] ?? environment.Get("HEYGEN_API_URL") ?? HeyGenApi.DefaultBaseUrl, "HEYGEN_API_URL"),
            HeyGenWebUrl = Url(section["HeyGenWebUrl"] ?? environment.Get("MEDIAGATE_HEYGEN_WEB_URL") ?? DefaultWebUrl, "MEDIAGATE_HEYGEN_WEB_URL"),
            Upstream = RetryPolicy.FromEnvironment(environment),
        };
        return options with
        {
            SweepInterval = Seconds(section, "SweepSeconds") ?? options.SweepInterval,
            InstanceTimeout = Seconds(section, "InstanceTimeoutSeconds") ?? options.InstanceTimeout,
            TokenCacheLifetime = Seconds(section, "TokenCacheSeconds") ?? options.TokenCacheLifetime,
            SessionRefreshMargin = Seconds(section, "SessionRefreshMarginSeconds") ?? options.SessionRefreshMargin,
            JobRetention = Seconds(section, "JobRetentionSeconds") ?? options.JobRetention,
            FailedAuthPerMinute = (int?)Number(section, "FailedAuthPerMinute") ?? options.FailedAuthPerMinute,
            MaxAccountsPerTenant = Number(section, "MaxAccountsPerTenant") is { } most
                ? most >= 1 && most == Math.Floor(most) ? (int)most : throw new GatewayConfigurationException($"{Section}:MaxAccountsPerTenant must be a whole number of at least 1, not '{most}'; leave it unset for no limit")
                : null,
            FailedLoginsPerMinute = (int?)Number(section, "FailedLoginsPerMinute") ?? options.FailedLoginsPerMinute,
            MaxRequestBodyBytes = (long?)Number(section, "MaxRequestBodyBytes") ?? options.MaxRequestBodyBytes,
            AllowPrivateWebhooks = Flag(section, "AllowPrivateWebhooks") ?? options.AllowPrivateWebhooks,
            WebhookConcurrencyPerHost = Math.Max(1, (int?)Number(section, "WebhookConcurrencyPerHost") ?? options.WebhookConcurrencyPerHost),
            KnownProxies = section["KnownProxies"] is { Length: > 0 } proxies
                ? [.. proxies.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Network)]
                : options.KnownProxies,
            LocalSpeechConcurrency = Math.Max(1, (int?)Number(section, "LocalSpeechConcurrency") ?? options.LocalSpeechConcurrency),
            PublicUrl = section["PublicUrl"] is { Length: > 0 } publicUrl ? PublicAddress(publicUrl) : null,
            SlotWait = Seconds(section, "SlotWaitSeconds") ?? options.SlotWait,
            MediaCacheBytes = (long?)Number(section, "MediaCacheBytes") ?? options.MediaCacheBytes,
            MediaTenantBytes = (long?)Number(section, "MediaTenantBytes"),
            MediaMaxBytes = Math.Max(1, (long?)Number(section, "MediaMaxBytes") ?? options.MediaMaxBytes),
            MediaHosts = section["MediaHosts"] is { Length: > 0 } hosts
                ? [.. hosts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(h => h.TrimStart('*', '.'))]
                : options.MediaHosts,
            LargeBodiesPerTenant = Math.Max(1, (int?)Number(section, "LargeBodiesPerTenant") ?? options.LargeBodiesPerTenant),
            LargeBodies = Math.Max(1, (int?)Number(section, "LargeBodies") ?? options.LargeBodies),
            MediaTtl = Seconds(section, "MediaTtlSeconds") is { } ttl
                ? ttl > TimeSpan.Zero ? ttl : throw new GatewayConfigurationException($"{Section}:MediaTtlSeconds must be more than 0, not '{ttl.TotalSeconds}'")
                : options.MediaTtl,
            WebhookBackoff = section["WebhookBackoffSeconds"] is { Length: > 0 } waits
                ? [.. waits.Split(',').Select(w => TimeSpan.FromSeconds(ParseNumber(w.Trim(), "Gateway:WebhookBackoffSeconds")))]
                : options.WebhookBackoff,
        };
    }

    /// <summary>The gateway's public address: an absolute http(s) URL with no query, fragment or user name, ending in <c>/</c>.</summary>
    /// <exception cref="GatewayConfigurationException">It is anything else; the message says what to write.</exception>
    public static Uri PublicAddress(string text) =>
        Uri.TryCreate(text.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            && url.Query.Length == 0 && url.Fragment.Length == 0 && url.UserInfo.Length == 0 && url.Host.Length > 0
            ? url
            : throw new GatewayConfigurationException(
                $"the public URL (--public-url or Gateway__PublicUrl) must be an absolute http(s) URL such as https://gateway.example.com, with no query or user name; got '{text}'");

    private static Uri Url(string text, string name) =>
        Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new GatewayConfigurationException($"{name} is not an http(s) URL: '{text}'");

    private static bool? Flag(IConfiguration section, string key) => section[key] switch
    {
        null or "" => null,
        var text when bool.TryParse(text, out var value) => value,
        var text => throw new GatewayConfigurationException($"{Section}:{key} must be true or false, not '{text}'"),
    };

    private static IPNetwork Network(string text) =>
        IPNetwork.TryParse(text, out var network) ? network
        : IPAddress.TryParse(text, out var address) ? new IPNetwork(address, address.GetAddressBytes().Length * 8)
        : throw new GatewayConfigurationException($"{Section}:KnownProxies must list IP addresses or networks (10.0.0.0/8), not '{text}'");

    private static TimeSpan? Seconds(IConfiguration section, string key) => Number(section, key) is { } s ? TimeSpan.FromSeconds(s) : null;

    private static double? Number(IConfiguration section, string key) =>
        section[key] is { Length: > 0 } text ? ParseNumber(text, $"{Section}:{key}") : null;

    private static double ParseNumber(string text, string name) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new GatewayConfigurationException($"{name} must be a number of at least 0, not '{text}'");
}

/// <summary>The gateway's configuration is malformed; the message says which value and why.</summary>
internal sealed class GatewayConfigurationException(string message) : Exception(message);

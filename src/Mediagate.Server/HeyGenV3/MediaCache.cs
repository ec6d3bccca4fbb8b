using System.Security.Cryptography;
using Mediagate.Http;

namespace Mediagate.Server.HeyGenV3;

/// <summary>
/// The upstream media behind <c>/v3/media/{id}</c>: each upstream URL gets one id, its bytes are fetched once, on the first
/// download, and kept in memory until they expire (<see cref="GatewayOptions.MediaTtl"/>) or the cache passes
/// <see cref="GatewayOptions.MediaCacheBytes"/>, when the least recently used go first. An evicted or expired id is gone (410).
/// Each tenant has a share (<see cref="GatewayOptions.MediaTenantShare"/>): a tenant over it evicts its own entries, and a full
/// cache evicts from the tenant holding the most, so no tenant can push another's media out by making ids of its own.
/// </summary>
/// <remarks>
/// In memory and per process: the bytes are served straight from the kept array, with no copy. Each entry costs its bytes plus
/// <see cref="EntryOverhead"/>, so ids handed out but never downloaded are bounded too. One body is at most
/// <see cref="GatewayOptions.MediaMaxBytes"/>, and one larger than the tenant's share is served once but not kept; downloads in flight are bounded by how many such bodies
/// fit in the cache and in the tenant's share, so bytes still arriving are within the limits too.
/// </remarks>
internal sealed class MediaCache(V3Upstream upstream, GatewayOptions options, TimeProvider time)
{
    /// <summary>What an entry costs besides its bytes (the id, the upstream URL, the bookkeeping), counted against the limit.</summary>
    public const int EntryOverhead = 1024;

    private readonly object _lock = new();
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _byUpstream = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Dictionary<long, long> _tenantBytes = [];
    private readonly Dictionary<long, SemaphoreSlim> _tenantFetches = [];
    private readonly SemaphoreSlim _fetches = new(Slots(options.MediaCacheBytes, options));
    private long _bytes;

    /// <summary>The bytes the cache holds now, overheads included.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The id for <paramref name="upstreamUrl"/> and when it expires (Unix seconds): the one already given to <paramref name="tenant"/> while it lives, else a new one.</summary>
    /// <remarks>Ids are not shared between tenants, even for the same library track, so no tenant's answer names another's media.</remarks>
    public (string Id, long Expires) Register(Uri upstreamUrl, long tenant)
    {
        var key = tenant.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + upstreamUrl.AbsoluteUri;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_byUpstream.TryGetValue(key, out var known) && known.Expires > now + options.MediaTtl / 2)
            {
                Touch(known);
                return (known.Id, known.Expires.ToUnixTimeSeconds());
            }
            var entry = new Entry(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), key, tenant, upstreamUrl, now + options.MediaTtl);
            entry.Node = _recency.AddFirst(entry);
            _byId[entry.Id] = entry;
            _byUpstream[key] = entry;
            Count(entry, EntryOverhead);
            EvictOver(entry);
            return (entry.Id, entry.Expires.ToUnixTimeSeconds());
        }
    }

    /// <summary>The media of <paramref name="id"/>, fetched from upstream on first use; null when the id is unknown, expired or evicted.</summary>
    /// <exception cref="ProviderException">The upstream download failed; a later download tries again.</exception>
    public async Task<CachedMedia?> GetAsync(string id, CancellationToken cancellationToken)
    {
        Task<CachedMedia> fetch;
        Entry? entry;
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out entry) || entry.Expires <= time.GetUtcNow())
            {
                if (entry is not null)
                {
                    Remove(entry);
                }
                return null;
            }
            Touch(entry);
            // One download per entry, whoever asks first; it runs to its end even if that caller goes away.
            fetch = entry.Fetch ??= FetchAsync(entry);
        }
        try
        {
            return await fetch.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            lock (_lock)
            {
                if (entry.Fetch == fetch && fetch.IsFaulted)
                {
                    entry.Fetch = null;
                }
            }
            throw;
        }
    }

    private async Task<CachedMedia> FetchAsync(Entry entry)
    {
        SemaphoreSlim tenantFetches;
        lock (_lock)
        {
            if (!_tenantFetches.TryGetValue(entry.Tenant, out tenantFetches!))
            {
                _tenantFetches[entry.Tenant] = tenantFetches = new SemaphoreSlim(Slots(options.MediaTenantShare, options));
            }
        }
        var limit = (int)Math.Min(int.MaxValue, options.MediaMaxBytes);
        await tenantFetches.WaitAsync(CancellationToken.None);
        await _fetches.WaitAsync(CancellationToken.None);
        ProviderResponse response;
        try
        {
            response = await upstream.DownloadAsync(entry.Upstream, limit, CancellationToken.None);
        }
        finally
        {
            _fetches.Release();
            tenantFetches.Release();
        }
        var media = new CachedMedia(response.Body, response.ContentType is { Length: > 0 } type ? type : "audio/mpeg");
        lock (_lock)
        {
            if (_byId.TryGetValue(entry.Id, out var still) && still == entry)
            {
                entry.Size = media.Bytes.Count;
                Count(entry, entry.Size);
                EvictOver(entry);
                if (EntryOverhead + entry.Size > Math.Min(options.MediaTenantShare, options.MediaCacheBytes))
                {
                    // Larger than the tenant's share or the cache: served to those waiting for it, but not kept.
                    Remove(entry);
                }
            }
        }
        return media;
    }

    /// <summary>How many downloads of the largest body fit in <paramref name="bytes"/>, at least one.</summary>
    private static int Slots(long bytes, GatewayOptions options) => (int)Math.Clamp(bytes / Math.Max(1, options.MediaMaxBytes), 1, 64);

    private void Count(Entry entry, long bytes)
    {
        _bytes += bytes;
        var held = _tenantBytes.GetValueOrDefault(entry.Tenant) + bytes;
        if (held <= 0)
        {
            _tenantBytes.Remove(entry.Tenant);
        }
        else
        {
            _tenantBytes[entry.Tenant] = held;
        }
    }

    /// <summary>Drops least recently used entries, never <paramref name="keep"/>: the tenant's own past its share, then the largest tenant's past the cache's limit.</summary>
    private void EvictOver(Entry keep)
    {
        EvictWhile(keep, keep.Tenant, () => _tenantBytes.GetValueOrDefault(keep.Tenant) > options.MediaTenantShare);
        while (_bytes > options.MediaCacheBytes && _tenantBytes.Count > 0)
        {
            var largest = _tenantBytes.MaxBy(t => t.Value).Key;
            if (!EvictWhile(keep, largest, () => _bytes > options.MediaCacheBytes))
            {
                break;
            }
        }
    }

    /// <summary>Evicts <paramref name="tenant"/>'s least recently used entries while <paramref name="over"/>; false when it had none to evict.</summary>
    private bool EvictWhile(Entry keep, long tenant, Func<bool> over)
    {
        var evicted = false;
        var node = _recency.Last;
        while (over() && node is not null)
        {
            var previous = node.Previous;
            if (node.Value != keep && node.Value.Tenant == tenant)
            {
                Remove(node.Value);
                evicted = true;
            }
            node = previous;
        }
        return evicted;
    }

    private void Touch(Entry entry)
    {
        _recency.Remove(entry.Node!);
        _recency.AddFirst(entry.Node!);
    }

    private void Remove(Entry entry)
    {
        _recency.Remove(entry.Node!);
        _byId.Remove(entry.Id);
        if (_byUpstream.TryGetValue(entry.Key, out var same) && same == entry)
        {
            _byUpstream.Remove(entry.Key);
        }
        Count(entry, -(EntryOverhead + entry.Size));
    }

    private sealed class Entry(string id, string key, long tenant, Uri upstream, DateTimeOffset expires)
    {
        public string Id { get; } = id;

        public long Tenant { get; } = tenant;

        /// <summary>The tenant and upstream URL the id was given for.</summary>
        public string Key { get; } = key;

        public Uri Upstream { get; } = upstream;

        public DateTimeOffset Expires { get; } = expires;

        public LinkedListNode<Entry>? Node { get; set; }

        public Task<CachedMedia>? Fetch { get; set; }

        public long Size { get; set; }
    }
}

/// <summary>Media bytes as upstream sent them, and their type.</summary>
internal sealed record CachedMedia(ArraySegment<byte> Bytes, string ContentType);

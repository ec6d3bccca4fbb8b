using Mediagate.Credentials;
using Mediagate.Http;

namespace Mediagate.Providers.HeyGen;

/// <summary>A HeyGen credential in use: refreshed before a call when an OAuth token has expired, and once more after a 401, as the peer does.</summary>
public sealed class HeyGenSession
{
    private readonly Func<CancellationToken, Task<HeyGenCredential>>? _refresh;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates a session over a credential, with the refresh to use when it is an OAuth token that can be refreshed.</summary>
    public HeyGenSession(HeyGenCredential credential, Func<CancellationToken, Task<HeyGenCredential>>? refresh = null, TimeProvider? time = null)
    {
        Credential = credential;
        _refresh = credential.IsRefreshable ? refresh : null;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The credential now in use.</summary>
    public HeyGenCredential Credential { get; private set; }

    /// <summary>Runs <paramref name="call"/> with a usable credential, refreshing first when expired and retrying once after a 401.</summary>
    public async Task<T> RunAsync<T>(Func<HeyGenCredential, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var used = Credential;
        if (_refresh is not null && used.OAuth?.IsExpired(_time.GetUtcNow()) == true)
        {
            used = await RefreshAsync(used, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            return await call(used, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex) when (ex.IsUnauthorized && _refresh is not null)
        {
            used = await RefreshAsync(used, cancellationToken).ConfigureAwait(false);
            return await call(used, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HeyGenCredential> RefreshAsync(HeyGenCredential stale, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another call may have refreshed while this one waited: one refresh serves them all.
            if (!ReferenceEquals(Credential, stale))
            {
                return Credential;
            }
            Credential = await _refresh!(cancellationToken).ConfigureAwait(false);
            return Credential;
        }
        finally
        {
            _gate.Release();
        }
    }
}

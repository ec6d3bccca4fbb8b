using Mediagate.Credentials.OAuth;
using Mediagate.Http;
using Mediagate.Platform;
using Mediagate.Providers.HeyGen;

namespace Mediagate.Credentials;

/// <summary>Signs in to HeyGen, reports the credential's state, refreshes it and signs out; the CLI's <c>auth</c> commands call this.</summary>
public sealed class HeyGenAuth
{
    private readonly EnvironmentVariables _environment;
    private readonly TimeProvider _time;
    private readonly HeyGenIdentityClient _identity;

    /// <summary>Creates the service over an environment, an HTTP client and a clock.</summary>
    public HeyGenAuth(EnvironmentVariables environment, HttpClient http, TimeProvider time)
    {
        _environment = environment;
        _time = time;
        Store = CredentialFileStore.ForEnvironment(environment);
        Resolver = new HeyGenCredentialResolver(environment, Store, time);
        OAuth = new OAuthClient(http, OAuthSettings.FromEnvironment(environment), time);
        _identity = new HeyGenIdentityClient(http, HeyGenApi.BaseUrl(environment));
    }

    /// <summary>The credentials file.</summary>
    public CredentialFileStore Store { get; }

    /// <summary>A session over a resolved credential: an OAuth token that has expired (or meets a 401) is refreshed through the file.</summary>
    public HeyGenSession Session(HeyGenCredential credential) =>
        new(credential, async cancellationToken => FileOAuthCredential(await RefreshAsync(cancellationToken).ConfigureAwait(false)), _time);

    /// <summary>The resolver over the environment and the file.</summary>
    public HeyGenCredentialResolver Resolver { get; }

    /// <summary>The OAuth client.</summary>
    public OAuthClient OAuth { get; }

    /// <summary>The environment variable whose credential overrides the file, if any.</summary>
    public string? ActiveEnvVariable =>
        _environment.FirstSet(HeyGenCredentialResolver.AccessTokenVariable, HeyGenCredentialResolver.ApiKeyVariable, HeyGenCredentialResolver.AliasVariable)?.Name;

    /// <summary>Saves an API key, then checks it with HeyGen; a rejected key is rolled back.</summary>
    /// <exception cref="UsageException">The key fails <see cref="ApiKeyRules"/>.</exception>
    public async Task<ApiKeyLoginResult> LoginWithApiKeyAsync(string key, CancellationToken cancellationToken)
    {
        if (ApiKeyRules.Problem(key) is { } problem)
        {
            throw new UsageException(problem, "pass the key as --api-key=KEY, pipe it on stdin, or paste it at the prompt");
        }
        key = key.Trim();
        var update = Store.Update(document =>
        {
            document.ApiKey = key;
            return true;
        });
        var credential = new HeyGenCredential(CredentialSource.FileJson, CredentialType.ApiKey, key, $"file ({Store.FilePath})", FilePath: Store.FilePath);
        try
        {
            var account = await _identity.GetAccountAsync(credential, cancellationToken).ConfigureAwait(false);
            Store.Update(document =>
            {
                if (document.ApiKey != key)
                {
                    return false;
                }
                document.SetUser(account.ToStoredUser());
                return true;
            });
            return new ApiKeyLoginResult(ApiKeyLoginOutcome.Verified, account, null, false, Store.FilePath, ActiveEnvVariable);
        }
        catch (HeyGenApiException ex) when (ex.IsUnauthorized)
        {
            Store.Rollback(update, (current, previous) =>
            {
                if (current.ApiKey == key)
                {
                    current.ApiKey = previous?.ApiKey;
                }
            });
            return new ApiKeyLoginResult(ApiKeyLoginOutcome.Rejected, null, ex.Message, update.Before is not null, Store.FilePath, ActiveEnvVariable);
        }
        catch (Exception ex) when (ex is HeyGenApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ApiKeyLoginResult(ApiKeyLoginOutcome.Unverified, null, ex.Message, false, Store.FilePath, ActiveEnvVariable);
        }
    }

    /// <summary>Signs in through the browser, saves the tokens, then checks the identity (with one refresh on 401).</summary>
    public async Task<OAuthLoginResult> LoginWithBrowserAsync(Func<Uri, Uri, Task> openBrowser, TimeSpan? callbackTimeout, CancellationToken cancellationToken)
    {
        var tokens = await new BrowserLoginFlow(OAuth, _time).RunAsync(openBrowser, callbackTimeout, cancellationToken).ConfigureAwait(false);
        var stored = tokens.ToStored(_time.GetUtcNow());
        Store.Update(document =>
        {
            document.ReplaceOAuth(stored);
            return true;
        });
        var credential = FileOAuthCredential(stored);
        try
        {
            var (account, _) = await GetAccountWithRefreshAsync(credential, cancellationToken).ConfigureAwait(false);
            Store.Update(document =>
            {
                document.SetUser(account.ToStoredUser());
                return true;
            });
            return new OAuthLoginResult(account, null, Store.FilePath, ActiveEnvVariable);
        }
        catch (Exception ex) when (ex is HeyGenApiException or HttpRequestException or OAuthException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Store.Update(document =>
            {
                document.SetUser(null);
                return true;
            });
            return new OAuthLoginResult(null, ex.Message, Store.FilePath, ActiveEnvVariable);
        }
    }

    /// <summary>Signs in with a device code; the identity is checked before anything is saved, and the tokens are revoked if that or the save fails.</summary>
    public async Task<OAuthLoginResult> LoginWithDeviceAsync(Action<DeviceAuthorization> show, CancellationToken cancellationToken)
    {
        var tokens = await new DeviceLoginFlow(OAuth, _time).RunAsync(show, cancellationToken).ConfigureAwait(false);
        var stored = tokens.ToStored(_time.GetUtcNow());
        try
        {
            var account = await _identity.GetAccountAsync(FileOAuthCredential(stored), cancellationToken).ConfigureAwait(false);
            Store.Update(document =>
            {
                document.ReplaceOAuth(stored);
                document.SetUser(account.ToStoredUser());
                return true;
            });
            return new OAuthLoginResult(account, null, Store.FilePath, ActiveEnvVariable);
        }
        catch (Exception)
        {
            await RevokeAsync(stored, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Refreshes the stored OAuth token, keeping the old refresh token when the server does not rotate it.</summary>
    /// <exception cref="OAuthException">There is no refresh token, or the server rejected it.</exception>
    public async Task<OAuthTokens> RefreshAsync(CancellationToken cancellationToken)
    {
        var refreshToken = Store.Read()?.OAuth?.RefreshToken ?? throw new OAuthException(OAuthErrorKind.NotConfigured,
            $"No OAuth refresh token to use in {Store.FilePath}. Sign in again with `mediagate auth login` (or `--device`).");
        var tokens = await OAuth.RefreshAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        var update = Store.Update(document =>
        {
            document.MergeOAuth(tokens.ToStored(_time.GetUtcNow()));
            return true;
        });
        return update.Document.OAuth!;
    }

    /// <summary>Resolves the credential and asks HeyGen who it is, refreshing an expired or rejected OAuth token once.</summary>
    /// <exception cref="CredentialException">The credential file or variable is unusable.</exception>
    public Task<AuthStatusReport> StatusAsync(CancellationToken cancellationToken) => StatusAsync(Resolver.Resolve(), cancellationToken);

    /// <summary>Asks HeyGen who an already resolved credential is, refreshing an expired or rejected OAuth token once.</summary>
    public async Task<AuthStatusReport> StatusAsync(CredentialResolution resolution, CancellationToken cancellationToken)
    {
        if (resolution.Credential is not { } credential)
        {
            return new AuthStatusReport(resolution, null, null, false);
        }
        try
        {
            var (account, refreshed) = await GetAccountWithRefreshAsync(credential, cancellationToken).ConfigureAwait(false);
            return new AuthStatusReport(refreshed ? Resolver.Resolve() : resolution, account, null, refreshed);
        }
        catch (Exception ex) when (ex is HeyGenApiException or HttpRequestException or OAuthException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new AuthStatusReport(resolution, null, ex.Message, false) { CredentialRejected = ex is HeyGenApiException { Failure: Http.ProviderFailure.KeyRejected } };
        }
    }

    /// <summary>Revokes the stored tokens (best effort), then deletes the file or clears only the OAuth block.</summary>
    public async Task<LogoutResult> LogoutAsync(bool keepApiKey, CancellationToken cancellationToken)
    {
        var document = Store.Read();
        var notes = new List<string>();
        if (document?.OAuth is { } oauth)
        {
            notes.AddRange(await RevokeAsync(oauth, cancellationToken).ConfigureAwait(false));
        }
        if (document is null)
        {
            return new LogoutResult(LogoutAction.NothingToRemove, Store.FilePath, notes, ActiveEnvVariable);
        }
        var action = LogoutAction.NothingToRemove;
        Store.Update(current =>
        {
            if (keepApiKey)
            {
                current.RemoveOAuth();
                action = LogoutAction.OAuthRemoved;
                return true;
            }
            current.RemoveOAuth();
            current.ApiKey = null;
            current.SetUser(null);
            action = current.IsEmpty ? LogoutAction.Deleted : LogoutAction.Rewritten;
            return true;
        });
        return new LogoutResult(action, Store.FilePath, notes, ActiveEnvVariable);
    }

    private async Task<(HeyGenAccount Account, bool Refreshed)> GetAccountWithRefreshAsync(HeyGenCredential credential, CancellationToken cancellationToken)
    {
        var refreshed = false;
        if (credential.Type == CredentialType.OAuth && credential.OAuth!.IsExpired(_time.GetUtcNow()) && credential.IsRefreshable)
        {
            credential = FileOAuthCredential(await RefreshAsync(cancellationToken).ConfigureAwait(false));
            refreshed = true;
        }
        try
        {
            return (await _identity.GetAccountAsync(credential, cancellationToken).ConfigureAwait(false), refreshed);
        }
        catch (HeyGenApiException ex) when (ex.IsUnauthorized && credential.IsRefreshable && !refreshed)
        {
            credential = FileOAuthCredential(await RefreshAsync(cancellationToken).ConfigureAwait(false));
            return (await _identity.GetAccountAsync(credential, cancellationToken).ConfigureAwait(false), true);
        }
    }

    private HeyGenCredential FileOAuthCredential(OAuthTokens tokens) =>
        new(CredentialSource.FileJson, CredentialType.OAuth, tokens.AccessToken, $"file ({Store.FilePath})", tokens, Store.FilePath);

    private async Task<List<string>> RevokeAsync(OAuthTokens tokens, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        foreach (var (token, hint) in new[] { (tokens.RefreshToken, "refresh_token"), (tokens.AccessToken, "access_token") })
        {
            if (token is null)
            {
                continue;
            }
            var status = await OAuth.RevokeAsync(token, hint, cancellationToken).ConfigureAwait(false);
            if (status is null)
            {
                notes.Add($"Note: could not reach the revoke endpoint for the {hint.Replace('_', ' ')}; local credentials cleared anyway.");
            }
            else if (status is < 200 or >= 300)
            {
                notes.Add($"Note: token revoke returned HTTP {status}; local credentials cleared anyway.");
            }
        }
        return notes;
    }
}

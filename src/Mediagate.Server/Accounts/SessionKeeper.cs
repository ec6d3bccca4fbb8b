using System.Collections.Concurrent;
using Mediagate.Credentials;
using Mediagate.Http;
using Mediagate.Server.Storage;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Accounts;

/// <summary>
/// Gives a usable HeyGen credential for an account. A web account logs in again by itself when its session is about to expire,
/// or when HeyGen rejects it; if that re-login is refused, the account is marked with an <c>error</c> and the scheduler skips it.
/// </summary>
internal sealed class SessionKeeper(AccountStore accounts, Upstream upstream, TimeProvider time, GatewayOptions options, ILogger<SessionKeeper> log)
{
    /// <summary>How close to its expiry a session is renewed before use rather than used.</summary>
    private static readonly TimeSpan UseMargin = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<long, SemaphoreSlim> _gates = new();

    public async Task<HeyGenCredential> CredentialAsync(AccountRow account, bool renew, CancellationToken cancellationToken)
    {
        var secrets = accounts.Secrets(account);
        var label = "gateway account " + account.Email;
        if (account.Kind == AccountKinds.ApiKey)
        {
            return new HeyGenCredential(CredentialSource.Env, CredentialType.ApiKey, secrets.ApiKey ?? "", label);
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!renew && account.SessionExpiresAt > now + (long)UseMargin.TotalMilliseconds && secrets.AccessToken is { } live)
        {
            return new HeyGenCredential(CredentialSource.Env, CredentialType.OAuth, live, label);
        }
        var renewed = await RenewAsync(account, cancellationToken);
        return new HeyGenCredential(CredentialSource.Env, CredentialType.OAuth, accounts.Secrets(renewed).AccessToken ?? "", label);
    }

    /// <summary>Renews every web session that expires within the margin (called by the sweeper).</summary>
    public async Task RenewDueAsync(CancellationToken cancellationToken)
    {
        var due = time.GetUtcNow().Add(options.SessionRefreshMargin).ToUnixTimeMilliseconds();
        foreach (var account in await accounts.DueForRenewalAsync(due, cancellationToken))
        {
            try
            {
                await RenewAsync(account, cancellationToken);
            }
            catch (Exception ex) when (ex is ProviderException or AccountUnusableException)
            {
                log.LogWarning("Could not renew the session of {Account}: {Reason}", account.Email, ex.Message);
            }
        }
    }

    /// <summary>Logs in again, once at a time per account in this process; a refusal marks the account and throws.</summary>
    private async Task<AccountRow> RenewAsync(AccountRow account, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(account.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another request, or another gateway process, may have renewed it while this one waited.
            var current = await accounts.FindAsync(account.Id, cancellationToken)
                ?? throw new AccountUnusableException($"account {account.Email} was deleted while in use");
            if (current.UpdatedAt != account.UpdatedAt && current.Error is null
                && current.SessionExpiresAt > time.GetUtcNow().Add(UseMargin).ToUnixTimeMilliseconds())
            {
                return current;
            }
            var password = accounts.Secrets(current).Password ?? "";
            try
            {
                var session = await upstream.Login.LoginAsync(current.Email, password, cancellationToken);
                log.LogInformation("Renewed the HeyGen session of {Account}; it now expires at {Expiry}", current.Email, session.ExpireTimeUtc);
                return await accounts.RenewAsync(current, session, cancellationToken)
                    ?? throw new AccountUnusableException($"account {account.Email} was deleted while in use");
            }
            catch (ProviderException ex) when (ex.Failure is ProviderFailure.KeyRejected or ProviderFailure.Refused)
            {
                var error = $"Re-login failed at {time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'}: HeyGen refused the email or password. " +
                    "Re-add the account with POST /v1/heygen/accounts.";
                await accounts.MarkErrorAsync(current, error, CancellationToken.None);
                log.LogWarning("Account {Account} is out of service: its re-login was refused", current.Email);
                throw new AccountUnusableException($"account {current.Email} is out of service: {error}");
            }
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>An account cannot be used until someone re-adds it; the message says why.</summary>
internal sealed class AccountUnusableException(string message) : Exception(message);

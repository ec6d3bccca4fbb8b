using Mediagate.Credentials;
using Mediagate.Http;
using Mediagate.Providers.HeyGen;
using Mediagate.Server.Accounts;
using Mediagate.Server.Storage;

namespace Mediagate.Server.Tts;

/// <summary>
/// HeyGen speech on one pooled account. A web account whose session HeyGen rejects logs in again and retries once; an API-key
/// account whose key HeyGen rejects is marked with an <c>error</c>, so the scheduler stops choosing it.
/// </summary>
internal sealed class SpeechCalls(SessionKeeper sessions, AccountStore accounts, Upstream upstream, TimeProvider time)
{
    public Task<HeyGenSpeech> SpeakAsync(AccountRow account, string text, string voiceId, double speed, string? language, CancellationToken cancellationToken) =>
        CallAsync(account, (credential, ct) => upstream.Speech.SpeakAsync(credential, text, voiceId, speed, language, ct), cancellationToken);

    /// <summary>Runs one upstream call with the account's credential, renewing a rejected web session once (the rule above).</summary>
    public async Task<T> CallAsync<T>(AccountRow account, Func<HeyGenCredential, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var credential = await sessions.CredentialAsync(account, false, cancellationToken);
        try
        {
            return await call(credential, cancellationToken);
        }
        catch (ProviderException ex) when (ex.IsUnauthorized && account.Kind == AccountKinds.Web)
        {
            credential = await sessions.CredentialAsync(account, true, cancellationToken);
            return await call(credential, cancellationToken);
        }
        catch (ProviderException ex) when (ex.IsUnauthorized)
        {
            var error = $"HeyGen rejected the API key at {time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss'Z'}. Re-add the account with POST /v1/heygen/accounts.";
            await accounts.MarkErrorAsync(account, error, CancellationToken.None);
            throw new AccountUnusableException($"account {account.Email} is out of service: {error}");
        }
    }

    /// <summary>Downloads the MP3 HeyGen made.</summary>
    public async Task<ArraySegment<byte>> DownloadAsync(Uri audio, CancellationToken cancellationToken) =>
        await upstream.Speech.DownloadAsync(audio, cancellationToken);
}

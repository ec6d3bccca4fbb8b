namespace Mediagate.Credentials;

/// <summary>The credentials-file link of <see cref="HeyGenCredentialResolver"/>: what the file holds, and whether it is used.</summary>
internal sealed class CredentialFileSource(CredentialFileStore store, TimeProvider time, string display)
{
    /// <summary>What the file gave.</summary>
    internal sealed record Result(SourceCheck Check, HeyGenCredential? Credential, StoredUser? PersistedUser, string? PermissionWarning);

    /// <summary>Reads the file; when <paramref name="earlier"/> already won, the file is only described.</summary>
    /// <exception cref="CredentialException">The file is malformed and nothing earlier won.</exception>
    public Result Check(HeyGenCredential? earlier)
    {
        var path = store.FilePath;
        CredentialDocument? document;
        try
        {
            document = store.Read();
        }
        catch (CredentialException ex) when (earlier is not null)
        {
            return new Result(new SourceCheck(display, false, $"unreadable ({ex.Problem}), and {earlier.SourceLabel} comes first"), null, null, null);
        }
        if (document is null)
        {
            return new Result(new SourceCheck(display, false, File.Exists(path) ? "empty" : "no file"), null, null, null);
        }
        var warning = store.PermissionWarning();
        var fromFile = FromDocument(document, path, out var reason);
        if (earlier is not null)
        {
            var what = fromFile is null ? reason : $"holds {(fromFile.Type == CredentialType.OAuth ? "an OAuth token" : "an API key")}";
            return new Result(new SourceCheck(display, false, $"{what}, but {earlier.SourceLabel} comes first"), null, document.User, warning);
        }
        return new Result(new SourceCheck(display, fromFile is not null, reason), fromFile, document.User, warning);
    }

    private HeyGenCredential? FromDocument(CredentialDocument document, string path, out string reason)
    {
        var source = document.IsLegacy ? CredentialSource.FileLegacy : CredentialSource.FileJson;
        var label = document.IsLegacy ? $"file ({display} — legacy plaintext)" : $"file ({display})";
        var oauth = document.OAuth;
        var now = time.GetUtcNow();
        if (oauth is not null && (!oauth.IsExpired(now) || oauth.IsRefreshable))
        {
            reason = oauth.IsExpired(now) ? "OAuth token expired, refreshable" : "OAuth token";
            return new HeyGenCredential(source, CredentialType.OAuth, oauth.AccessToken, label, oauth, path);
        }
        if (document.ApiKey is { } key)
        {
            reason = oauth is null ? "API key" : "API key (OAuth token expired, no refresh token)";
            return new HeyGenCredential(source, CredentialType.ApiKey, key, label, null, path);
        }
        reason = oauth is null ? "no api_key or oauth" : "OAuth token expired and no refresh token or api_key";
        return null;
    }
}

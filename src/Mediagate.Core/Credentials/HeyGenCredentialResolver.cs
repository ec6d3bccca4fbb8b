using Mediagate.Platform;

namespace Mediagate.Credentials;

/// <summary>
/// Resolves the HeyGen credential, first match wins: <c>HEYGEN_API_KEY</c>, <c>HYPERFRAMES_API_KEY</c>, then the credentials file
/// (its OAuth token while usable, else its <c>api_key</c>).
/// </summary>
public sealed class HeyGenCredentialResolver
{
    /// <summary>The primary environment variable.</summary>
    public const string ApiKeyVariable = "HEYGEN_API_KEY";

    /// <summary>The alias the HyperFrames CLI also reads.</summary>
    public const string AliasVariable = "HYPERFRAMES_API_KEY";

    private readonly EnvironmentVariables _environment;
    private readonly CredentialFileStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates a resolver over an environment and a credentials file.</summary>
    public HeyGenCredentialResolver(EnvironmentVariables environment, CredentialFileStore store, TimeProvider time)
    {
        _environment = environment;
        _store = store;
        _time = time;
    }

    /// <summary>Resolves the credential.</summary>
    /// <exception cref="CredentialException">The winning source is unusable: a malformed file, or a variable with control characters.</exception>
    public CredentialResolution Resolve()
    {
        var checks = new List<SourceCheck>(3);
        HeyGenCredential? chosen = null;
        foreach (var (variable, source) in new[] { (ApiKeyVariable, CredentialSource.Env), (AliasVariable, CredentialSource.EnvAlias) })
        {
            var value = _environment.Get(variable);
            if (value is null)
            {
                checks.Add(new SourceCheck(variable, false, "not set"));
                continue;
            }
            if (chosen is not null)
            {
                checks.Add(new SourceCheck(variable, false, $"set, but {chosen.SourceLabel} comes first"));
                continue;
            }
            if (CredentialDocument.ContainsControlCharacters(value))
            {
                throw new CredentialException(variable, "the value contains control characters (a pasted newline?)",
                    $"set it again without them, e.g. export {variable}=\"$(printf %s \"${variable}\" | tr -d '\\r\\n')\"");
            }
            chosen = new HeyGenCredential(source, CredentialType.ApiKey, value.Trim(), $"env ({variable})");
            checks.Add(new SourceCheck(variable, true, "set"));
        }

        var path = _store.FilePath;
        var display = DisplayPath(path);
        CredentialDocument? document;
        try
        {
            document = _store.Read();
        }
        catch (CredentialException ex) when (chosen is not null)
        {
            checks.Add(new SourceCheck(display, false, $"unreadable ({ex.Problem}), and {chosen.SourceLabel} comes first"));
            return new CredentialResolution(chosen, checks, path, null, null);
        }

        var warning = document is null ? null : _store.PermissionWarning();
        if (document is null)
        {
            checks.Add(new SourceCheck(display, false, File.Exists(path) ? "empty" : "no file"));
            return new CredentialResolution(chosen, checks, path, null, warning);
        }

        var fromFile = FromDocument(document, display, path, out var fileReason);
        if (chosen is not null)
        {
            var what = fromFile is null ? fileReason : $"holds {(fromFile.Type == CredentialType.OAuth ? "an OAuth token" : "an API key")}";
            checks.Add(new SourceCheck(display, false, $"{what}, but {chosen.SourceLabel} comes first"));
        }
        else
        {
            chosen = fromFile;
            checks.Add(new SourceCheck(display, fromFile is not null, fileReason));
        }
        return new CredentialResolution(chosen, checks, path, document.User, warning);
    }

    private HeyGenCredential? FromDocument(CredentialDocument document, string display, string path, out string reason)
    {
        var source = document.IsLegacy ? CredentialSource.FileLegacy : CredentialSource.FileJson;
        var label = document.IsLegacy ? $"file ({display} — legacy plaintext)" : $"file ({display})";
        var oauth = document.OAuth;
        var now = _time.GetUtcNow();
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

    /// <summary>Shortens a path under the home directory to <c>~/…</c> for display.</summary>
    public string DisplayPath(string path)
    {
        var home = _environment.HomeDirectory.TrimEnd('/');
        return home.Length > 0 && path.StartsWith(home + "/", StringComparison.Ordinal) ? "~" + path[home.Length..] : path;
    }
}

using Mediagate.Http;
using Mediagate.Platform;
using Mediagate.Providers.HeyGen;

namespace Mediagate.Credentials;

/// <summary>
/// Resolves the HeyGen credential in HyperFrames 0.8.170's order, first match wins: the host gateway (<c>HEYGEN_API_BASE</c> with
/// <c>HEYGEN_API_KEY</c>); nothing at all for a non-HeyGen <c>HEYGEN_API_BASE</c>; <c>HEYGEN_ACCESS_TOKEN</c>; <c>HEYGEN_API_KEY</c>;
/// <c>HYPERFRAMES_API_KEY</c>; then the credentials file (its OAuth token while usable, else its <c>api_key</c>).
/// </summary>
/// <remarks>
/// A variable the real environment leaves unset may come from the project <c>.env</c> that <see cref="EnvironmentVariables.WithDotEnvFrom"/>
/// found; <c>HEYGEN_API_BASE</c>, <c>HEYGEN_ALLOW_HTTP</c> and base URLs never do. Every source appears in
/// <see cref="CredentialResolution.Checks"/> with why it was used or skipped.
/// </remarks>
public sealed class HeyGenCredentialResolver
{
    /// <summary>The primary environment variable.</summary>
    public const string ApiKeyVariable = "HEYGEN_API_KEY";

    /// <summary>The alias the HyperFrames CLI also reads.</summary>
    public const string AliasVariable = "HYPERFRAMES_API_KEY";

    /// <summary>A host-injected OAuth access token, sent as a bearer token.</summary>
    public const string AccessTokenVariable = "HEYGEN_ACCESS_TOKEN";

    /// <summary>The name of the project <c>.env</c> row in <see cref="CredentialResolution.Checks"/>.</summary>
    public const string DotEnvCheckName = ".env";

    private static readonly (string Variable, CredentialSource Source, CredentialType Type)[] Variables =
    [
        (AccessTokenVariable, CredentialSource.EnvAccessToken, CredentialType.OAuth),
        (ApiKeyVariable, CredentialSource.Env, CredentialType.ApiKey),
        (AliasVariable, CredentialSource.EnvAlias, CredentialType.ApiKey),
    ];

    private readonly EnvironmentVariables _environment;
    private readonly CredentialFileStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates a resolver over an environment (with its <c>.env</c> layer, if any) and a credentials file.</summary>
    public HeyGenCredentialResolver(EnvironmentVariables environment, CredentialFileStore store, TimeProvider time)
    {
        _environment = environment;
        _store = store;
        _time = time;
    }

    /// <summary>Resolves the credential.</summary>
    /// <exception cref="CredentialException">
    /// The winning source is unusable (a malformed file, a variable with control characters), or <c>HEYGEN_API_BASE</c> is not
    /// https (without <c>HEYGEN_ALLOW_HTTP=1</c>) or not a URL.
    /// </exception>
    public CredentialResolution Resolve()
    {
        var heygenBase = HeyGenBase.From(_environment);
        var checks = new List<SourceCheck>(7);
        HeyGenCredential? chosen = null;
        string? neverSent = null;

        if (!heygenBase.IsHostGateway)
        {
            checks.Add(new SourceCheck(HeyGenBase.BaseVariable, false, "not set"));
        }
        else if (_environment.Get(ApiKeyVariable) is { } gatewayKey)
        {
            var origin = Origin(ApiKeyVariable);
            chosen = Credential(ApiKeyVariable, gatewayKey, CredentialSource.HostGateway, CredentialType.ApiKey,
                $"host gateway ({HeyGenBase.BaseVariable} + {ApiKeyVariable}{(origin is null ? "" : " in " + origin)})");
            checks.Add(new SourceCheck(HeyGenBase.BaseVariable, true, $"{heygenBase.Display} (host gateway; key from {ApiKeyVariable}{(origin is null ? "" : " in " + origin)})"));
        }
        else if (!heygenBase.IsHeyGenHost)
        {
            neverSent = $"never sent to {heygenBase.Display}, which is not a HeyGen host";
            checks.Add(new SourceCheck(HeyGenBase.BaseVariable, false, $"{heygenBase.Display} (not a HeyGen host and no {ApiKeyVariable}: no credential is sent to it)"));
        }
        else
        {
            checks.Add(new SourceCheck(HeyGenBase.BaseVariable, false, $"{heygenBase.Display} (a HeyGen host with no {ApiKeyVariable}: the sources below are sent to it)"));
        }
        var dotEnvRow = checks.Count;
        checks.Add(null!);

        foreach (var (variable, source, type) in Variables)
        {
            var value = _environment.Get(variable);
            if (value is null)
            {
                checks.Add(new SourceCheck(variable, false, "not set"));
                continue;
            }
            var masked = SecretScrubber.Mask(value.Trim());
            var set = Origin(variable) is { } where ? $"set in {where} ({masked})" : $"set ({masked})";
            if (chosen?.Source == CredentialSource.HostGateway && variable == ApiKeyVariable)
            {
                checks.Add(new SourceCheck(variable, false, $"{set}; it is the host gateway's key ({HeyGenBase.BaseVariable} above)"));
            }
            else if (neverSent is not null || chosen is not null)
            {
                checks.Add(new SourceCheck(variable, false, $"{set}, but {neverSent ?? chosen!.SourceLabel + " comes first"}"));
            }
            else
            {
                var from = Origin(variable);
                chosen = Credential(variable, value, source, type, from is null ? $"env ({variable})" : $".env ({variable} in {from})");
                checks.Add(new SourceCheck(variable, true, set));
            }
        }

        var path = _store.FilePath;
        var display = DisplayPath(path);
        if (neverSent is not null)
        {
            checks.Add(new SourceCheck(display, false, $"not read: a credential is {neverSent}"));
            checks[dotEnvRow] = DotEnvCheck(null);
            return new CredentialResolution(null, checks, path, null, null) { Base = heygenBase };
        }
        var file = new CredentialFileSource(_store, _time, display).Check(chosen);
        checks.Add(file.Check);
        chosen ??= file.Credential;
        checks[dotEnvRow] = DotEnvCheck(chosen);
        return new CredentialResolution(chosen, checks, path, file.PersistedUser, file.PermissionWarning) { Base = heygenBase };
    }

    private HeyGenCredential Credential(string variable, string value, CredentialSource source, CredentialType type, string label)
    {
        if (CredentialDocument.ContainsControlCharacters(value))
        {
            var where = _environment.DotEnvPathOf(variable) is { } envFile ? $"{variable} in {envFile}" : variable;
            throw new CredentialException(where, "the value contains control characters (a pasted newline?)",
                $"set it again without them, e.g. export {variable}=\"$(printf %s \"${variable}\" | tr -d '\\r\\n')\"");
        }
        var secret = value.Trim();
        return new HeyGenCredential(source, type, secret, label,
            type == CredentialType.OAuth ? new OAuthTokens(secret) : null, EnvFile: _environment.DotEnvPathOf(variable));
    }

    /// <summary>The displayed <c>.env</c> path that supplies the variable, or null when the real environment does.</summary>
    private string? Origin(string variable) => _environment.DotEnvPathOf(variable) is { } path ? DisplayPath(path) : null;

    private SourceCheck DotEnvCheck(HeyGenCredential? chosen)
    {
        if (_environment.DotEnv is not { } search)
        {
            return new SourceCheck(DotEnvCheckName, false, "not searched (no project directory)");
        }
        if (search.File is not { } file)
        {
            return new SourceCheck(DotEnvCheckName, false, search.Problem ?? $"none in {DisplayPath(search.StartDirectory)} or its {DotEnvFile.MaxDirectories - 1} parents");
        }
        var notes = new List<string>();
        foreach (var name in new[] { AccessTokenVariable, ApiKeyVariable, AliasVariable, "HEYGEN_CONFIG_DIR" })
        {
            if (file.Supply(name) is null)
            {
                continue;
            }
            notes.Add(_environment.DotEnvPathOf(name) is not null ? $"{name} from file" : $"{name} ignored: the environment sets it");
        }
        notes.AddRange(file.Ignored.Where(n => n.StartsWith("HEYGEN_", StringComparison.Ordinal)).Select(n => $"{n} ignored: never taken from a file"));
        var what = notes.Count == 0 ? "no HeyGen variables" : string.Join("; ", notes);
        return new SourceCheck(DotEnvCheckName, chosen?.EnvFile == file.Path, $"{DisplayPath(file.Path)} ({what})");
    }

    /// <summary>Shortens a path under the home directory to <c>~/…</c> for display.</summary>
    public string DisplayPath(string path)
    {
        var home = _environment.HomeDirectory.TrimEnd('/');
        return home.Length > 0 && path.StartsWith(home + "/", StringComparison.Ordinal) ? "~" + path[home.Length..] : path;
    }
}

namespace Mediagate.Credentials;

/// <summary>Where the HeyGen credential came from; the JSON names match the peer's <c>auth status --json</c>.</summary>
public enum CredentialSource
{
    /// <summary><c>HEYGEN_API_KEY</c>.</summary>
    Env,

    /// <summary><c>HYPERFRAMES_API_KEY</c>, an alias.</summary>
    EnvAlias,

    /// <summary>The JSON credentials file.</summary>
    FileJson,

    /// <summary>A one-line plaintext key file.</summary>
    FileLegacy,

    /// <summary><c>HEYGEN_API_KEY</c> sent to the host gateway that <c>HEYGEN_API_BASE</c> names; it wins over every other source.</summary>
    HostGateway,

    /// <summary><c>HEYGEN_ACCESS_TOKEN</c>, an OAuth token a host injected (sent as a bearer token, never refreshed).</summary>
    EnvAccessToken,
}

/// <summary>The kind of HeyGen credential.</summary>
public enum CredentialType
{
    /// <summary>An OAuth access token (sent as a bearer token).</summary>
    OAuth,

    /// <summary>A long-lived API key (sent as <c>X-Api-Key</c>).</summary>
    ApiKey,
}

/// <summary>The wire names of the credential enums.</summary>
public static class CredentialNames
{
    /// <summary>The peer's name for a source (env, env_alias, file_json, file_legacy), and ours for the two it lacks (host_gateway, env_access_token).</summary>
    public static string ToWire(this CredentialSource source) => source switch
    {
        CredentialSource.Env => "env",
        CredentialSource.EnvAlias => "env_alias",
        CredentialSource.FileJson => "file_json",
        CredentialSource.HostGateway => "host_gateway",
        CredentialSource.EnvAccessToken => "env_access_token",
        _ => "file_legacy",
    };

    /// <summary>The peer's name for a type: oauth or api_key.</summary>
    public static string ToWire(this CredentialType type) => type == CredentialType.OAuth ? "oauth" : "api_key";
}

using Mediagate.Credentials;
using Mediagate.Platform;

namespace Mediagate.Providers.HeyGen;

/// <summary>Where the HeyGen API lives and how requests to it are signed.</summary>
public static class HeyGenApi
{
    /// <summary>The public API's default base URL.</summary>
    public const string DefaultBaseUrl = "https://api.heygen.com";

    /// <summary>The value of <c>X-HeyGen-Client-Source</c> on every request.</summary>
    public const string ClientSource = "mediagate";

    /// <summary>The base URL: <c>HEYGEN_API_BASE</c>, else <c>HEYGEN_API_URL</c>, without trailing slashes, or the default (see <see cref="HeyGenBase"/>).</summary>
    /// <exception cref="CredentialException"><c>HEYGEN_API_BASE</c> is unusable (see <see cref="HeyGenBase.From"/>).</exception>
    public static Uri BaseUrl(EnvironmentVariables environment) => HeyGenBase.From(environment).Url;

    /// <summary>Adds the credential's headers: a bearer token and <c>X-HeyGen-Source: cli</c> for OAuth, <c>X-Api-Key</c> for a key.</summary>
    public static void Authorize(HttpRequestMessage request, HeyGenCredential credential)
    {
        if (credential.Type == CredentialType.OAuth)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + credential.Secret);
            request.Headers.TryAddWithoutValidation("X-HeyGen-Source", "cli");
        }
        else
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", credential.Secret);
        }
        request.Headers.TryAddWithoutValidation("X-HeyGen-Client-Source", ClientSource);
    }
}

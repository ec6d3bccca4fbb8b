using Mediagate.Capabilities;
using Mediagate.Credentials;

namespace Mediagate.Tests.Support;

/// <summary>The provider clients of a test's environment pointed at the mock, with an optional HeyGen credential.</summary>
public static class MockProviders
{
    public static ProviderSet Providers(this MockFixture mock, HeyGenCredential? heygen = null) =>
        new(mock.Home.Environment, () => mock.Http, new InstantTimeProvider(), new CredentialResolution(heygen, [], "", null, null));
}

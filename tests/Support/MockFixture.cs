using Mediagate.Mock;

namespace Mediagate.Tests.Support;

/// <summary>
/// Starts <c>mediagate mock</c> on 127.0.0.1 for one test and points a <see cref="TempHome"/> at it. Disposing it fails the
/// test when a fault injected through <see cref="State"/> did not fire as set up (see <see cref="FaultCheck"/>).
/// </summary>
public sealed class MockFixture : IAsyncDisposable
{
    private MockFixture(MockServer server, TempHome home)
    {
        Server = server;
        Home = home;
        foreach (var (name, value) in server.EnvironmentVariables())
        {
            home.Variables[name] = value;
        }
    }

    public MockServer Server { get; }

    public TempHome Home { get; }

    public MockState State => Server.State;

    public Uri BaseUrl => Server.BaseUrl;

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<MockFixture> StartAsync(MockOptions? options = null) =>
        new(await MockServer.StartAsync(options), new TempHome());

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Home.Dispose();
        FaultCheck.AssertEveryFaultFired(State);
    }
}

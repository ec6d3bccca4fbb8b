using System.Net;
using Mediagate.Credentials;
using Mediagate.Http;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Providers.HeyGen;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Http;

/// <summary>The shared HTTP behaviour, over real HTTP against the mock: retries, Retry-After, timeouts, and errors worded by kind.</summary>
public sealed class ProviderHttpTests
{
    private static readonly HeyGenCredential Key = new(CredentialSource.Env, CredentialType.ApiKey, MockOptions.DefaultHeyGenKey, "env");

    private static HeyGenClient Client(MockFixture mock, InstantTimeProvider time, RetryPolicy? policy = null) =>
        new(mock.Http, HeyGenApi.BaseUrl(mock.Home.Environment), policy ?? RetryPolicy.Default, time);

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task ATransientStatusIsRetriedWithGrowingBackoffUntilItPasses(int status)
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/voices", FaultKind.Status, status, Times: 2));
        var time = new InstantTimeProvider();

        var voices = await Client(mock, time).ListVoicesAsync(Key, 10, CancellationToken.None);

        Assert.NotEmpty(voices);
        Assert.Equal(3, mock.State.Requests.Count);
        Assert.Equal(2, time.Waits.Count);
        // Exponential from 0.5 s with decorrelated jitter: short, positive, and never the same twice in a row.
        Assert.All(time.Waits, wait => Assert.InRange(wait.TotalSeconds, 0.01, 4.0));
        Assert.NotEqual(time.Waits[0], time.Waits[1]);
    }

    [Fact]
    public async Task RetryAfterIsHonouredInsteadOfTheBackoff()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/voices", FaultKind.Status, 429, Times: 1, RetryAfterSeconds: 7));
        var time = new InstantTimeProvider();

        await Client(mock, time).ListVoicesAsync(Key, 10, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(time.Waits));
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheCapFailsAtOnceRatherThanHang()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/voices", FaultKind.Status, 429, Times: null, RetryAfterSeconds: 3600));

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client(mock, new InstantTimeProvider()).ListVoicesAsync(Key, 10, CancellationToken.None));

        Assert.Equal(ProviderFailure.RateLimited, error.Failure);
        Assert.Single(mock.State.Requests);
    }

    [Fact]
    public async Task PersistentServerErrorsFailAfterEveryAttemptAndSaySo()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/voices", FaultKind.Status, 503, Times: null));

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client(mock, new InstantTimeProvider()).ListVoicesAsync(Key, 10, CancellationToken.None));

        Assert.Equal(ProviderFailure.ServerError, error.Failure);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.StartsWith("HeyGen answered HTTP 503 after 4 attempts", error.Message);
        Assert.Equal(4, mock.State.Requests.Count);
    }

    [Theory]
    [InlineData(401, ProviderFailure.KeyRejected, "HeyGen rejected the key (401)")]
    [InlineData(402, ProviderFailure.OutOfCredits, "HeyGen: out of credits / plan upgrade required (402): ")]
    [InlineData(404, ProviderFailure.Refused, "HeyGen refused the request (404)")]
    public async Task ClientErrorsAreNotRetriedAndAreWordedByKind(int status, ProviderFailure failure, string message)
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/voices", FaultKind.Status, status, Times: null));

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client(mock, new InstantTimeProvider()).ListVoicesAsync(Key, 10, CancellationToken.None));

        Assert.Equal(failure, error.Failure);
        Assert.StartsWith(message, error.Message);
        Assert.Single(mock.State.Requests);
        Assert.DoesNotContain(MockOptions.DefaultHeyGenKey, error.Message);
    }

    [Theory]
    [InlineData(FaultKind.MalformedJson)]
    [InlineData(FaultKind.TruncatedBody)]
    public async Task ABrokenBodyIsABadResponseNotACrash(FaultKind kind)
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/voices", kind, Times: null));

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client(mock, new InstantTimeProvider()).ListVoicesAsync(Key, 10, CancellationToken.None));

        Assert.Equal(ProviderFailure.BadResponse, error.Failure);
        Assert.Contains("not the expected JSON", error.Message);
    }

    [Fact]
    public async Task ASlowAnswerTimesOutPerAttemptAndIsRetried()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/voices", FaultKind.Latency, Times: null, DelayMs: 5000));
        var policy = RetryPolicy.Default with { MaxRetries = 1, AttemptTimeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<ProviderException>(() => Client(mock, new InstantTimeProvider(), policy).ListVoicesAsync(Key, 10, CancellationToken.None));

        Assert.Equal(ProviderFailure.TimedOut, error.Failure);
        Assert.Equal("HeyGen did not answer within 0.3 s, 2 attempts", error.Message);
    }

    [Fact]
    public async Task ARefusedConnectionIsUnreachable()
    {
        using var http = new HttpClient();
        var client = new HeyGenClient(http, new Uri("http://127.0.0.1:1/"), RetryPolicy.Default with { MaxRetries = 1 }, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.ListVoicesAsync(Key, 10, CancellationToken.None));

        Assert.Equal(ProviderFailure.Unreachable, error.Failure);
        Assert.StartsWith("could not reach HeyGen", error.Message);
    }

    [Fact]
    public async Task CancellationStopsTheCallAndIsNotReportedAsAFailure()
    {
        await using var mock = await MockFixture.StartAsync();
        mock.State.AddFault(new FaultRule("/v3/voices", FaultKind.Latency, Times: null, DelayMs: 5000));
        using var cancel = new CancellationTokenSource();
        var call = Client(mock, new InstantTimeProvider()).ListVoicesAsync(Key, 10, cancel.Token);

        // Cancel once the call is waiting on HeyGen, not before it was sent (a loaded machine may take longer than any fixed delay).
        while (!mock.State.Requests.Any(r => r.Path == "/v3/voices"))
        {
            await Task.Delay(10);
        }
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task RetryEnvironmentVariablesAreReadAndBadValuesIgnored()
    {
        using var home = new TempHome();
        home.Variables["MEDIAGATE_HTTP_RETRIES"] = "1";
        home.Variables["MEDIAGATE_HTTP_TIMEOUT"] = "12.5";
        Assert.Equal(RetryPolicy.Default with { MaxRetries = 1, AttemptTimeout = TimeSpan.FromSeconds(12.5) }, RetryPolicy.FromEnvironment(home.Environment));

        home.Variables["MEDIAGATE_HTTP_RETRIES"] = "-3";
        home.Variables["MEDIAGATE_HTTP_TIMEOUT"] = "soon";
        Assert.Equal(RetryPolicy.Default, RetryPolicy.FromEnvironment(home.Environment));
        await Task.CompletedTask;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Mock;

public sealed class MockServerTests
{
    private static HttpRequestMessage Me(MockServer server, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUrl, "/v3/users/me"));
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    [Fact]
    public async Task ItListensOnLoopbackAndAcceptsTheDocumentedDefaultKey()
    {
        await using var server = await MockServer.StartAsync();
        using var http = new HttpClient();

        using var ok = await http.SendAsync(Me(server, MockOptions.DefaultHeyGenKey));
        using var rejected = await http.SendAsync(Me(server, "anything-else"));

        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("demo@example.com", (string?)JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["data"]!["email"]);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal("unauthorized", (string?)JsonNode.Parse(await rejected.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    [Fact]
    public async Task FaultsInjectedOverHttpFireTheGivenNumberOfTimesForTheGivenKeyOnly()
    {
        await using var mock = await MockFixture.StartAsync();
        var server = mock.Server;
        using var http = new HttpClient();
        var fault = new FaultRule("/v3/users/me", FaultKind.Status, 429, Times: 2, Key: MockOptions.DefaultHeyGenKey, RetryAfterSeconds: 7);
        (await http.PostAsJsonAsync(new Uri(server.BaseUrl, "/_mock/faults"), fault)).EnsureSuccessStatusCode();

        using var otherKey = await http.SendAsync(Me(server, "someone-else"));
        using var first = await http.SendAsync(Me(server, MockOptions.DefaultHeyGenKey));
        using var second = await http.SendAsync(Me(server, MockOptions.DefaultHeyGenKey));
        using var third = await http.SendAsync(Me(server, MockOptions.DefaultHeyGenKey));

        Assert.Equal(HttpStatusCode.Unauthorized, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task ItRecordsRequestsWithHeadersAndBodies()
    {
        await using var server = await MockServer.StartAsync();
        using var http = new HttpClient();
        using var request = Me(server, MockOptions.DefaultHeyGenKey);
        request.Headers.Add("X-HeyGen-Client-Source", "test");
        await http.SendAsync(request);
        await http.PostAsync(new Uri(server.BaseUrl, "/v1/oauth/revoke"), new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "t-1" }));

        var recorded = await http.GetFromJsonAsync<JsonArray>(new Uri(server.BaseUrl, "/_mock/requests"));

        Assert.Equal(2, recorded!.Count);
        Assert.Equal("test", (string?)recorded[0]!["headers"]!["X-HeyGen-Client-Source"]);
        Assert.Equal("token=t-1", (string?)recorded[1]!["body"]);
        Assert.Equal(["t-1"], server.State.RevokedTokens);
    }

    [Fact]
    public async Task ItRecordsTheMostRequestsInFlightPerKey()
    {
        await using var mock = await MockFixture.StartAsync();
        var server = mock.Server;
        server.State.AddFault(new FaultRule("/v3/users/me", FaultKind.Latency, Times: null, DelayMs: 1500));
        using var http = new HttpClient();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => http.SendAsync(Me(server, "key-a"))));
        await http.SendAsync(Me(server, "key-b"));

        Assert.Equal(3, server.State.MaxInFlight["key-a"]);
        Assert.Equal(1, server.State.MaxInFlight["key-b"]);
    }

    [Theory]
    [InlineData(FaultKind.MalformedJson)]
    [InlineData(FaultKind.TruncatedBody)]
    public async Task BrokenBodiesAreNotValidJson(FaultKind kind)
    {
        await using var mock = await MockFixture.StartAsync();
        var server = mock.Server;
        server.State.AddFault(new FaultRule("/v3/users/me", kind));
        using var http = new HttpClient();

        using var response = await http.SendAsync(Me(server, MockOptions.DefaultHeyGenKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(response.Content.ReadAsStringAsync().Result));
    }

    [Fact]
    public async Task TheTokenEndpointRejectsAWrongPkceVerifier()
    {
        await using var server = await MockServer.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        using var authorize = await http.GetAsync(new Uri(server.BaseUrl,
            $"/oauth/authorize?response_type=code&client_id=mock-client&redirect_uri=http://127.0.0.1:9/cb&state=s&code_challenge={challenge}&code_challenge_method=S256"));
        var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"]!;

        using var token = await http.PostAsync(new Uri(server.BaseUrl, "/v1/oauth/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = "http://127.0.0.1:9/cb",
            ["client_id"] = "mock-client",
            ["code_verifier"] = new string('a', 43),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Equal("invalid_grant", (string?)JsonNode.Parse(await token.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task TheFaultLedgerCountsWhatEachFaultDidAndIsServedAtMockFaults()
    {
        await using var mock = await MockFixture.StartAsync();
        var server = mock.Server;
        using var http = new HttpClient();
        server.State.AddFault(new FaultRule("/v3/users/me", FaultKind.Status, 503, Times: 2, After: 1));
        server.State.AddFault(new FaultRule("/v3/voices", FaultKind.Status, 500, Times: null));

        using var passed = await http.SendAsync(Me(server, MockOptions.DefaultHeyGenKey));
        using var failed = await http.SendAsync(Me(server, MockOptions.DefaultHeyGenKey));
        var halfway = await http.GetFromJsonAsync<JsonArray>(new Uri(server.BaseUrl, "/_mock/faults"));
        using var again = await http.SendAsync(Me(server, MockOptions.DefaultHeyGenKey));
        using var voices = await http.GetAsync(new Uri(server.BaseUrl, "/v3/voices"));

        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("""{"fired":1,"left":1,"active":true,"unspent":true}""", Without(halfway![0]!, "rule"));
        Assert.Equal("""{"fired":0,"left":null,"active":true,"unspent":true}""", Without(halfway[1]!, "rule"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, voices.StatusCode);
        Assert.Equal([new FaultUse(new FaultRule("/v3/users/me", FaultKind.Status, 503, Times: 2, After: 1), 2, 0, false), new FaultUse(new FaultRule("/v3/voices", FaultKind.Status, 500, Times: null), 1, null, true)],
            server.State.FaultLedger);
    }

    [Fact]
    public async Task AFaultThatDidNotFireAsSetUpFailsTheTestWhenTheFixtureIsDisposed()
    {
        var mock = await MockFixture.StartAsync();
        using var http = new HttpClient();
        mock.State.AddFault(new FaultRule("/v3/users/me", FaultKind.Status, 429, Times: 2));
        mock.State.AddFault(new FaultRule("/v3/voice/speech", FaultKind.Latency, Times: null, DelayMs: 10));
        mock.State.AddFault(new FaultRule("/v1/user", FaultKind.Status, 401));
        using var limited = await http.SendAsync(Me(mock.Server, MockOptions.DefaultHeyGenKey));
        using var user = await http.GetAsync(new Uri(mock.BaseUrl, "/v1/user"));

        var error = await Assert.ThrowsAsync<Xunit.Sdk.FailException>(async () => await mock.DisposeAsync());

        Assert.Equal("""
            mock: 2 injected fault(s) did not fire as set up, so the test did not exercise them:
            - Status 429 on /v3/users/me: fired 1 time(s) of 2
            - Latency on /v3/voice/speech: fired 0 time(s)
            The mock received: GET /v3/users/me, GET /v1/user
            Fix the test: give the fault the path and count its code really meets, or remove it. If the test also failed earlier, that failure is hidden behind this one (a fault goes unfired when the code stops before reaching it).
            """.ReplaceLineEndings("\n").TrimEnd(), error.Message);
    }

    [Fact]
    public async Task AClearedFaultThatNeverFiredStillCountsAsUnspent()
    {
        await using var server = await MockServer.StartAsync();
        server.State.AddFault(new FaultRule("/v3/users/me", FaultKind.Status, 500));

        server.State.ClearFaults();

        var use = Assert.Single(server.State.FaultLedger);
        Assert.False(use.Active);
        Assert.True(use.Unspent);
    }

    private static string Without(JsonNode node, string property)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove(property);
        return copy.ToJsonString();
    }
}

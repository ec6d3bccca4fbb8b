using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Mediagate.Tests.Support;

namespace Mediagate.Tests.Mock;

/// <summary>The mock's provider routes: the defaults it accepts, each provider's 401 shape, the web login, validation, and the config file.</summary>
public sealed class ProviderRoutesTests
{
    private static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(MockServer server, HttpMethod method, string path, string? json = null, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, new Uri(server.BaseUrl, path));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text) : null);
    }

    [Theory]
    [InlineData("/v1/user", "GET", "xi-api-key", MockOptions.DefaultElevenLabsKey, 401, "$.detail.status", "invalid_api_key")]
    // The real Gemini API answers a bad key with 400 INVALID_ARGUMENT and the reason API_KEY_INVALID, not 401.
    [InlineData("/v1beta/models/gemini-x:generateContent", "POST", "x-goog-api-key", MockOptions.DefaultGeminiKey, 400, "$.error.details.0.reason", "API_KEY_INVALID")]
    [InlineData("/api/v1/chat/completions", "POST", "Authorization", "Bearer " + MockOptions.DefaultOpenRouterKey, 401, "$.error.code", "401")]
    [InlineData("/v3/voices", "GET", "X-Api-Key", MockOptions.DefaultHeyGenKey, 401, "$.error.code", "unauthorized")]
    public async Task EachProviderAcceptsItsDefaultKeyAndRejectsOthersInItsOwnShape(string path, string method, string header, string good, int status, string field, string expected)
    {
        await using var server = await MockServer.StartAsync();
        var body = """{"model":"m","messages":[{"role":"user","content":"hi"}],"contents":[{"parts":[{"text":"hi"}]}]}""";

        var accepted = await SendAsync(server, new HttpMethod(method), path, method == "POST" ? body : null, (header, good));
        var rejected = await SendAsync(server, new HttpMethod(method), path, method == "POST" ? body : null, (header, header == "Authorization" ? "Bearer wrong" : "wrong"));

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal((HttpStatusCode)status, rejected.Status);
        var segments = field[2..].Split('.');
        var node = segments.Aggregate(rejected.Body, (current, key) => int.TryParse(key, out var index) ? current?[index] : current?[key]);
        Assert.Equal(expected, node?.ToString());
    }

    [Fact]
    public async Task TheWebLoginGivesTheSeedsSessionFieldsAndItsTokenWorksOnTheApi()
    {
        await using var server = await MockServer.StartAsync();

        var login = await SendAsync(server, HttpMethod.Post, "/v1/web/login", """{"email":"demo@example.com","password":"demo-password"}""");
        var wrong = await SendAsync(server, HttpMethod.Post, "/v1/web/login", """{"email":"demo@example.com","password":"nope"}""");

        Assert.Equal(HttpStatusCode.OK, login.Status);
        var session = login.Body!["data"]!.AsObject();
        Assert.Equal(
            ["heygen_session", "ExpireTime", "ExpireTimeUTC", "access_token", "session_token", "space_id", "token", "username", "ack_agreement", "internal", "need_mfa"],
            session.Select(p => p.Key));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("Account does not exist or password is incorrect", (string?)wrong.Body!["error"]!["message"]);
        var voices = await SendAsync(server, HttpMethod.Get, "/v3/voices?limit=2", null, ("Authorization", "Bearer " + (string?)session["access_token"]));
        Assert.Equal(2, voices.Body!["data"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("/v3/audio/sounds?type=music", "query is required")]
    [InlineData("/v3/audio/sounds?query=x&type=podcast", "type must be music or sound_effects")]
    [InlineData("/v3/audio/sounds?query=x&type=music&limit=51", "limit must be a whole number from 1 to 50")]
    [InlineData("/v3/audio/sounds?query=x&type=music&min_score=2", "min_score must be a number from 0 to 1")]
    [InlineData("/v3/voices?limit=0", "limit must be a whole number from 1 to 100")]
    public async Task BadSearchesGet400WithTheReason(string path, string message)
    {
        await using var server = await MockServer.StartAsync();

        var answer = await SendAsync(server, HttpMethod.Get, path, null, ("X-Api-Key", MockOptions.DefaultHeyGenKey));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(message, (string?)answer.Body!["error"]!["message"]);
    }

    [Theory]
    [InlineData("""{"voice_id":"05f19352e8f74b0392a8f411eba40de1"}""", "text is required")]
    [InlineData("""{"text":"hi","voice_id":"nope"}""", "voice_id 'nope' is not a Starfish voice")]
    [InlineData("""{"text":"hi","voice_id":"05f19352e8f74b0392a8f411eba40de1","speed":9}""", "speed must be a number from 0.5 to 2.0")]
    [InlineData("""not json""", "the body must be a JSON object")]
    public async Task BadSpeechRequestsGet400(string body, string message)
    {
        await using var server = await MockServer.StartAsync();

        var answer = await SendAsync(server, HttpMethod.Post, "/v3/voices/speech", body, ("X-Api-Key", MockOptions.DefaultHeyGenKey));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith(message, (string?)answer.Body!["error"]!["message"]);
    }

    [Fact]
    public async Task RepeatedSpeechIsServedFromTheCacheAsTheSameFile()
    {
        await using var server = await MockServer.StartAsync();
        const string body = """{"text":"Same words twice.","voice_id":"05f19352e8f74b0392a8f411eba40de1"}""";

        var first = await SendAsync(server, HttpMethod.Post, "/v3/voices/speech", body, ("X-Api-Key", MockOptions.DefaultHeyGenKey));
        var second = await SendAsync(server, HttpMethod.Post, "/v3/voices/speech", body, ("X-Api-Key", MockOptions.DefaultHeyGenKey));

        Assert.Equal((string?)first.Body!["data"]!["audio_url"], (string?)second.Body!["data"]!["audio_url"]);
        var stamps = first.Body!["data"]!["word_timestamps"]!.AsArray();
        Assert.Equal("<start>", (string?)stamps[0]!["word"]);
        Assert.Equal("<end>", (string?)stamps[^1]!["word"]);
        Assert.Equal(5, stamps.Count);
    }

    [Theory]
    [InlineData("/v1/text-to-speech/x", 402, "$.detail.status", "quota_exceeded")]
    [InlineData("/api/v1/chat/completions", 402, "$.error.code", "402")]
    [InlineData("/v1beta/models/m:generateContent", 429, "$.error.status", "RESOURCE_EXHAUSTED")]
    [InlineData("/v3/voices/speech", 402, "$.error.code", "plan_upgrade_required")]
    public async Task InjectedFaultsAnswerInTheOwningProvidersShape(string path, int status, string field, string expected)
    {
        await using var mock = await MockFixture.StartAsync();
        var server = mock.Server;
        server.State.AddFault(new FaultRule(path, FaultKind.Status, status, RetryAfterSeconds: status == 429 ? 3 : null));

        var answer = await SendAsync(server, HttpMethod.Post, path, "{}");

        Assert.Equal((HttpStatusCode)status, answer.Status);
        Assert.Equal(expected, field[2..].Split('.').Aggregate(answer.Body, (node, key) => node?[key])?.ToString());
    }

    [Fact]
    public void TheConfigFileSetsKeysLoginsAndFaultsAndLeavesTheRestAtTheirDefaults()
    {
        var options = MockConfigFile.Parse("""
            {
              // comments are allowed
              "heygen": {"apiKeys": {"team-key": "team@example.com"}, "webAccounts": [{"email": "a@example.com", "password": "pw"}], "indexKeyedSounds": true},
              "elevenlabs": {"apiKeys": ["el-1", "el-2"]},
              "faults": [{"pathPrefix": "/v3/voices/speech", "kind": "Status", "status": 503, "times": 2}],
            }
            """);

        Assert.Equal("team@example.com", options.HeyGenApiKeys["team-key"].Email);
        Assert.False(options.HeyGenApiKeys.ContainsKey(MockOptions.DefaultHeyGenKey));
        Assert.Equal("pw", options.WebAccounts["A@EXAMPLE.COM"]);
        Assert.True(options.IndexKeyedSounds);
        Assert.Equal(["el-1", "el-2"], options.ElevenLabsKeys.Order());
        Assert.Contains(MockOptions.DefaultGeminiKey, options.GeminiKeys);
        Assert.Equal(new FaultRule("/v3/voices/speech", FaultKind.Status, 503, 2), Assert.Single(options.Faults));
    }

    [Theory]
    [InlineData("[]", "the configuration must be a JSON object")]
    [InlineData("""{"heygen": []}""", "heygen: expected an object")]
    [InlineData("""{"heygen": {"webAccounts": [{"email": "a@b.c"}]}}""", "heygen.webAccounts[0].password: expected a non-empty string")]
    [InlineData("""{"gemini": {"apiKeys": "one"}}""", "gemini.apiKeys: expected an array of strings")]
    [InlineData("""{"heygen": {"sessionLifetimeSeconds": -5}}""", "heygen.sessionLifetimeSeconds: expected a positive whole number")]
    [InlineData("""{"faults": [{"kind": "Explode"}]}""", "faults: ")]
    public void ABadConfigNamesThePathOfTheProblem(string json, string message)
    {
        var error = Assert.Throws<MockConfigException>(() => MockConfigFile.Parse(json));

        Assert.StartsWith(message, error.Message);
    }
}

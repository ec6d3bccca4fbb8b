using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mediagate.Mock;
using Mediagate.Mock.Faults;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Tests.Mock;

/// <summary>
/// Walks every route the mock maps, as stripe-mock's tests do: the routes come from the running app's endpoint data source,
/// and each one gets a well-formed request and must answer its documented success (docs/mock.md) in the expected shape.
/// </summary>
public sealed class EveryRouteTests
{
    private const string Marcia = "05f19352e8f74b0392a8f411eba40de1";
    private const string Rachel = "21m00Tcm4TlvDq8ikWAM";
    private const string RedirectUri = "http://127.0.0.1:9/callback";

    /// <summary>A 1×1 PNG, for the image-description routes.</summary>
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private static readonly string Verifier = new('v', 43);

    private static readonly (string, string) HeyGenKey = ("X-Api-Key", MockOptions.DefaultHeyGenKey);

    private static readonly (string, string) ElevenLabsKey = ("xi-api-key", MockOptions.DefaultElevenLabsKey);

    /// <summary>One well-formed request per route, keyed by method and route pattern, with the success it must get.</summary>
    private static readonly Dictionary<string, Call> Calls = new()
    {
        ["GET /v3/users/me"] = new(w => w.Get("/v3/users/me", HeyGenKey), HttpStatusCode.OK, "application/json",
            Json(body => Assert.Equal(MockOptions.DefaultWebEmail, (string?)body["data"]!["email"]))),
        ["POST /v3/voices/speech"] = new(w => w.PostJson("/v3/voices/speech", new { text = "Walk every route.", voice_id = Marcia }, HeyGenKey), HttpStatusCode.OK, "application/json",
            Json(body =>
            {
                Assert.Contains("/files/", (string?)body["data"]!["audio_url"]);
                Assert.Equal("<start>", (string?)body["data"]!["word_timestamps"]![0]!["word"]);
            })),
        ["GET /v3/voices"] = new(w => w.Get("/v3/voices?engine=starfish&type=public&limit=3", HeyGenKey), HttpStatusCode.OK, "application/json",
            Json(body => Assert.Equal([Marcia, "6be73833ef9a4eb0aeee399b8fe9d62b", "1bd001e7e50f421d891986aad5158bc8"], body["data"]!.AsArray().Select(v => (string?)v!["voice_id"])))),
        ["POST /v3/voices/clone"] = new(w => w.PostJson("/v3/voices/clone", new { voice_name = "Walk clone", audio = new { type = "base64", media_type = "audio/wav", data = Wav() } }, HeyGenKey), HttpStatusCode.OK, "application/json",
            Json(body => Assert.Matches("^[0-9a-f]{32}$", (string?)body["data"]!["voice_clone_id"]))),
        ["GET /v3/voices/{voiceId}"] = new(w => w.Get("/v3/voices/" + Marcia, HeyGenKey), HttpStatusCode.OK, "application/json",
            Json(body => Assert.Equal("English", (string?)body["data"]!["language"]))),
        ["DELETE /v3/voices/{voiceId}"] = new(async w => w.Send(HttpMethod.Delete, "/v3/voices/" + await w.CloneAsync(), HeyGenKey), HttpStatusCode.NoContent, null, NoBody),
        ["GET /v3/audio/sounds"] = new(w => w.Get("/v3/audio/sounds?query=calm%20cinematic&type=music&limit=1", HeyGenKey), HttpStatusCode.OK, "application/json",
            Json(body => Assert.Equal("mus_calm_cinematic", (string?)Assert.Single(body["data"]!.AsArray())!["id"]))),
        ["GET /files/{id}"] = new(async w => w.Get(await w.SpokenFileAsync()), HttpStatusCode.OK, "audio/mpeg", Mp3),
        ["POST /v1/web/login"] = new(w => w.PostJson("/v1/web/login", new { email = MockOptions.DefaultWebEmail, password = MockOptions.DefaultWebPassword }), HttpStatusCode.OK, "application/json",
            Json(body => Assert.StartsWith("mock_web_at_", (string?)body["data"]!["access_token"]))),
        ["POST /v1/text-to-speech/{voiceId}"] = new(w => w.PostJson($"/v1/text-to-speech/{Rachel}", new { text = "Walk every route." }, ElevenLabsKey), HttpStatusCode.OK, "audio/mpeg", Mp3),
        ["POST /v1/text-to-speech/{voiceId}/with-timestamps"] = new(w => w.PostJson($"/v1/text-to-speech/{Rachel}/with-timestamps", new { text = "Walk." }, ElevenLabsKey), HttpStatusCode.OK, "application/json",
            Json(body =>
            {
                Assert.Equal(["W", "a", "l", "k", "."], body["alignment"]!["characters"]!.AsArray().Select(c => (string?)c));
                Assert.True(Convert.FromBase64String((string)body["audio_base64"]!).Length > 0);
            })),
        ["POST /v1/text-to-speech/{voiceId}/stream"] = new(w => w.PostJson($"/v1/text-to-speech/{Rachel}/stream?output_format=mp3_22050_32", new { text = "Walk every route." }, ElevenLabsKey), HttpStatusCode.OK, "audio/mpeg", Mp3),
        ["POST /v1/text-to-speech/{voiceId}/stream/with-timestamps"] = new(w => w.PostJson($"/v1/text-to-speech/{Rachel}/stream/with-timestamps", new { text = "Walk." }, ElevenLabsKey), HttpStatusCode.OK, "application/json",
            (_, _, bytes) =>
            {
                var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
                Assert.Equal("Walk.", string.Concat(lines.SelectMany(l => l["alignment"]!["characters"]!.AsArray()).Select(c => (string?)c)));
                Assert.True(lines.Sum(l => Convert.FromBase64String((string)l["audio_base64"]!).Length) > 1000);
            }),
        ["GET /v2/voices"] = new(w => w.Get("/v2/voices?page_size=3", ElevenLabsKey), HttpStatusCode.OK, "application/json",
            Json(body =>
            {
                Assert.Equal(["Rachel", "River", "George"], body["voices"]!.AsArray().Select(v => (string?)v!["name"]));
                Assert.True((bool)body["has_more"]!);
                Assert.Equal(4, (int)body["total_count"]!);
            })),
        ["GET /v1/voices"] = new(w => w.Get("/v1/voices", ElevenLabsKey), HttpStatusCode.OK, "application/json",
            Json(body => Assert.Equal(["Rachel", "River", "George", "Sarah"], body["voices"]!.AsArray().Select(v => (string?)v!["name"])))),
        ["GET /v1/user"] = new(w => w.Get("/v1/user", ElevenLabsKey), HttpStatusCode.OK, "application/json",
            Json(body => Assert.Equal("creator", (string?)body["subscription"]!["tier"]))),
        ["POST /v1/models/{model}:generateContent"] = GeminiGenerate("v1"),
        ["POST /v1/models/{model}:streamGenerateContent"] = GeminiStream("v1"),
        ["POST /v1beta/models/{model}:generateContent"] = GeminiGenerate("v1beta"),
        ["POST /v1beta/models/{model}:streamGenerateContent"] = GeminiStream("v1beta"),
        ["POST /api/v1/chat/completions"] = new(w => w.PostJson("/api/v1/chat/completions",
            new { model = "openai/gpt-4o-mini", messages = new[] { new { role = "user", content = new object[] { new { type = "text", text = "Describe this." }, new { type = "image_url", image_url = new { url = "data:image/png;base64," + Png } } } } } },
            ("Authorization", "Bearer " + MockOptions.DefaultOpenRouterKey)), HttpStatusCode.OK, "application/json",
            Json(body => Assert.StartsWith("A 1×1 PNG", (string?)body["choices"]![0]!["message"]!["content"]))),
        ["GET /oauth/authorize"] = new(w => w.Get(Walk.AuthorizePath("walk-state", Challenge(Verifier))), HttpStatusCode.Redirect, null,
            (_, response, _) => Assert.Matches($"^{RedirectUri}\\?code=mock-code-[0-9a-f]+&state=walk-state$", response.Headers.Location!.ToString())),
        ["POST /v1/oauth/token"] = new(async w => w.PostForm("/v1/oauth/token", new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = await w.AuthorizationCodeAsync(),
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = MockOptions.DefaultClientId,
            ["code_verifier"] = Verifier,
        }), HttpStatusCode.OK, "application/json",
            Json(body =>
            {
                Assert.Equal("Bearer", (string?)body["token_type"]);
                Assert.StartsWith("mock-at-", (string?)body["access_token"]);
                Assert.StartsWith("mock-rt-", (string?)body["refresh_token"]);
            })),
        ["POST /v1/oauth/device_authorization"] = new(w => w.PostForm("/v1/oauth/device_authorization", new() { ["client_id"] = MockOptions.DefaultClientId }), HttpStatusCode.OK, "application/json",
            Json(body =>
            {
                Assert.Matches("^[A-Z]{4}-[A-Z]{4}$", (string?)body["user_code"]);
                Assert.EndsWith("/oauth/device", (string?)body["verification_uri"]);
            })),
        ["GET /oauth/device"] = new(async w => w.Get("/oauth/device?user_code=" + await w.UserCodeAsync()), HttpStatusCode.OK, "text/html",
            (_, _, bytes) => Assert.Matches("<p>Approved [A-Z]{4}-[A-Z]{4}\\. Return to the terminal\\.</p>", Encoding.UTF8.GetString(bytes))),
        ["POST /v1/oauth/revoke"] = new(w => w.PostForm("/v1/oauth/revoke", new() { ["token"] = "mock-at-walk" }), HttpStatusCode.OK, null,
            (w, _, bytes) =>
            {
                Assert.Empty(bytes);
                Assert.Contains("mock-at-walk", w.Server.State.RevokedTokens);
            }),
        ["GET /_mock/requests"] = new(w => w.Get("/_mock/requests"), HttpStatusCode.OK, "application/json",
            Json(body => Assert.IsType<JsonArray>(body))),
        ["DELETE /_mock/requests"] = new(w => w.Send(HttpMethod.Delete, "/_mock/requests"), HttpStatusCode.NoContent, null, NoBody),
        ["POST /_mock/faults"] = new(w => w.PostJson("/_mock/faults", new FaultRule("/_walk/never", FaultKind.Status, 503)), HttpStatusCode.Created, "application/json",
            Json(body => Assert.Equal("/_walk/never", (string?)body["pathPrefix"]))),
        ["GET /_mock/faults"] = new(w => w.Get("/_mock/faults"), HttpStatusCode.OK, "application/json",
            Json(body => Assert.IsType<JsonArray>(body))),
        ["DELETE /_mock/faults"] = new(w => w.Send(HttpMethod.Delete, "/_mock/faults"), HttpStatusCode.NoContent, null, NoBody),
        ["GET /_mock/inflight"] = new(w => w.Get("/_mock/inflight"), HttpStatusCode.OK, "application/json",
            Json(body => Assert.IsType<JsonObject>(body))),
        ["GET /_mock/revoked"] = new(w => w.Get("/_mock/revoked"), HttpStatusCode.OK, "application/json",
            Json(body => Assert.IsType<JsonArray>(body))),
        ["POST /_mock/device/script"] = new(w => w.PostJson("/_mock/device/script", new[] { "approve" }), HttpStatusCode.NoContent, null, NoBody),
    };

    [Fact]
    public async Task TheWalkHasARequestForEveryRouteTheMockMapsAndForNoOther()
    {
        await using var server = await MockServer.StartAsync();

        var mapped = Routes(server).ToList();

        var unwalked = mapped.Except(Calls.Keys).Order(StringComparer.Ordinal).ToList();
        var stale = Calls.Keys.Except(mapped).Order(StringComparer.Ordinal).ToList();
        Assert.True(unwalked.Count == 0, $"the mock maps routes the walk has no request for: {string.Join(", ", unwalked)}");
        Assert.True(stale.Count == 0, $"the walk has requests for routes the mock no longer maps: {string.Join(", ", stale)}");
        Assert.Equal(mapped.Count, mapped.Distinct().Count());
    }

    [Fact]
    public async Task EveryMappedRouteAnswersAWellFormedRequestWithItsDocumentedSuccess()
    {
        await using var server = await MockServer.StartAsync();
        using var walk = new Walk(server);
        var failures = new List<string>();

        foreach (var route in Routes(server))
        {
            if (!Calls.TryGetValue(route, out var call))
            {
                failures.Add($"{route}: the mock maps it but the walk has no request for it; add one to {nameof(Calls)}");
                continue;
            }
            using var request = await call.Request(walk);
            using var response = await walk.Http.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            try
            {
                Assert.Equal(call.Status, response.StatusCode);
                Assert.Equal(call.MediaType, response.Content.Headers.ContentType?.MediaType);
                call.Check(walk, response, bytes);
            }
            catch (Exception ex) when (ex is Xunit.Sdk.XunitException or NullReferenceException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
            {
                failures.Add($"{route} ({request.RequestUri!.PathAndQuery}): {ex.Message}\n  answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(300, bytes.Length)))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Each endpoint as "METHOD pattern", one entry per method it accepts.</summary>
    /// <summary>Gemini's generateContent on one API version: the SDKs use both, and the mock answers both alike.</summary>
    private static Call GeminiGenerate(string version) =>
        new(w => w.PostJson($"/{version}/models/gemini-2.5-flash:generateContent",
            new { contents = new[] { new { parts = new object[] { new { text = "Describe this." }, new { inline_data = new { mime_type = "image/png", data = Png } } } } } },
            ("x-goog-api-key", MockOptions.DefaultGeminiKey)), HttpStatusCode.OK, "application/json",
            Json(body =>
            {
                Assert.StartsWith("A 1×1 PNG", (string?)body["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
                Assert.NotNull((string?)body["responseId"]);
                Assert.True((int)body["usageMetadata"]!["totalTokenCount"]! > 0);
            }));

    /// <summary>Gemini's streamGenerateContent (server-sent events) on one API version.</summary>
    private static Call GeminiStream(string version) =>
        new(w => w.PostJson($"/{version}/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            new { contents = new[] { new { parts = new object[] { new { text = "Stream this." } } } } },
            ("x-goog-api-key", MockOptions.DefaultGeminiKey)), HttpStatusCode.OK, "text/event-stream",
            (_, _, bytes) => Assert.Equal("You asked: Stream this.", string.Concat(Encoding.UTF8.GetString(bytes).Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(e => (string?)JsonNode.Parse(e["data: ".Length..])!["candidates"]![0]!["content"]!["parts"]![0]!["text"]))));

    private static IEnumerable<string> Routes(MockServer server) =>
        server.Endpoints.OfType<RouteEndpoint>().SelectMany(endpoint =>
            (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
            .Select(method => $"{method} {endpoint.RoutePattern.RawText}"));

    private static Action<Walk, HttpResponseMessage, byte[]> Json(Action<JsonNode> check) =>
        (_, _, bytes) => check(JsonNode.Parse(bytes) ?? throw new InvalidOperationException("the body is JSON null"));

    private static void Mp3(Walk walk, HttpResponseMessage response, byte[] bytes) =>
        Assert.True(bytes.Length > 1000 && (bytes.AsSpan(0, 3).SequenceEqual("ID3"u8) || (bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0)),
            $"not an MP3: {bytes.Length} bytes starting {Convert.ToHexString(bytes.AsSpan(0, Math.Min(4, bytes.Length)))}");

    /// <summary>Two seconds of a 220 Hz tone as a base64 WAV, a sample the clone route accepts.</summary>
    private static string Wav()
    {
        using var wav = new MemoryStream();
        var writer = new Mediagate.Audio.WavWriter(wav, 16000, 1);
        writer.Write(Enumerable.Range(0, 32000).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * 220 * i / 16000))).ToArray());
        writer.Complete();
        return Convert.ToBase64String(wav.ToArray());
    }

    private static void NoBody(Walk walk, HttpResponseMessage response, byte[] bytes) => Assert.Empty(bytes);

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record Call(Func<Walk, Task<HttpRequestMessage>> Request, HttpStatusCode Status, string? MediaType, Action<Walk, HttpResponseMessage, byte[]> Check)
    {
        public Call(Func<Walk, HttpRequestMessage> request, HttpStatusCode status, string? mediaType, Action<Walk, HttpResponseMessage, byte[]> check)
            : this(w => Task.FromResult(request(w)), status, mediaType, check)
        {
        }
    }

    /// <summary>The walk's client, and the steps some requests need first (a spoken file, an authorization code, a device code).</summary>
    private sealed class Walk(MockServer server) : IDisposable
    {
        public MockServer Server { get; } = server;

        public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

        public static string AuthorizePath(string state, string challenge) =>
            $"/oauth/authorize?response_type=code&client_id={MockOptions.DefaultClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state={state}&code_challenge={challenge}&code_challenge_method=S256";

        public HttpRequestMessage Send(HttpMethod method, string path, params (string Name, string Value)[] headers)
        {
            var request = new HttpRequestMessage(method, new Uri(Server.BaseUrl, path));
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            return request;
        }

        public HttpRequestMessage Get(string path, params (string Name, string Value)[] headers) => Send(HttpMethod.Get, path, headers);

        public HttpRequestMessage PostJson<T>(string path, T body, params (string Name, string Value)[] headers)
        {
            var request = Send(HttpMethod.Post, path, headers);
            request.Content = JsonContent.Create(body);
            return request;
        }

        public HttpRequestMessage PostForm(string path, Dictionary<string, string> form)
        {
            var request = Send(HttpMethod.Post, path);
            request.Content = new FormUrlEncodedContent(form);
            return request;
        }

        /// <summary>The path of a file the HeyGen speech route made.</summary>
        public async Task<string> SpokenFileAsync()
        {
            using var speech = await Http.SendAsync(PostJson("/v3/voices/speech", new { text = "A file to download.", voice_id = Marcia }, HeyGenKey));
            var url = (string)(await speech.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["audio_url"]!;
            return new Uri(url).AbsolutePath;
        }

        /// <summary>The id of a fresh voice clone.</summary>
        public async Task<string> CloneAsync()
        {
            using var clone = await Http.SendAsync(PostJson("/v3/voices/clone", new { voice_name = "To delete", audio = new { type = "base64", media_type = "audio/wav", data = Wav() } }, HeyGenKey));
            return (string)(await clone.Content.ReadFromJsonAsync<JsonNode>())!["data"]!["voice_clone_id"]!;
        }

        /// <summary>A code from the authorize route, issued for <see cref="Verifier"/>.</summary>
        public async Task<string> AuthorizationCodeAsync()
        {
            using var authorize = await Http.SendAsync(Get(AuthorizePath("s", Challenge(Verifier))));
            return System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"]!;
        }

        /// <summary>The user code of a fresh device authorization.</summary>
        public async Task<string> UserCodeAsync()
        {
            using var device = await Http.SendAsync(PostForm("/v1/oauth/device_authorization", new() { ["client_id"] = MockOptions.DefaultClientId }));
            return (string)(await device.Content.ReadFromJsonAsync<JsonNode>())!["user_code"]!;
        }

        public void Dispose() => Http.Dispose();
    }
}

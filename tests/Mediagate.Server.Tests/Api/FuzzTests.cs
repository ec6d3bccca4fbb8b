using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsCheck;
using Mediagate.Server.Jobs;
using Mediagate.Server.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace Mediagate.Server.Tests.Api;

public sealed class FuzzTests
{
    private static readonly string[] Methods = ["GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"];

    /// <summary>Every route with its method; the generator mostly keeps them together, so most requests reach a handler.</summary>
    private static readonly (string Method, string Path)[] Routes =
    [
        ("GET", "/healthz"), ("GET", "/openapi/v1.json"), ("POST", "/v1/audio/speech"), ("POST", "/v1/heygen/accounts"), ("GET", "/v1/heygen/accounts"),
        ("GET", "/v1/heygen/accounts/{0}"), ("DELETE", "/v1/heygen/accounts/{0}"), ("GET", "/v1/heygen/jobs/{0}"), ("GET", "/v1/heygen/scheduler"),
        ("POST", "/v1/heygen/tts/create"), ("GET", "/v1/heygen/tts/languages"), ("GET", "/v1/heygen/tts/voices"), ("GET", "/v1/heygen/tts/voices?voice_id={0}"),
        ("GET", "/{0}"), ("POST", "/v1/heygen/accounts"), ("POST", "/v1/heygen/tts/create"), ("POST", "/v1/audio/speech"), ("GET", "/v1/heygen/usage"),
        ("GET", "/v3/users/me"), ("POST", "/v3/voices/speech"), ("GET", "/v3/voices?type={0}&limit={0}&token={0}"), ("GET", "/v3/audio/sounds?query={0}&type={0}&limit={0}"),
        ("POST", "/v3/voices/clone"), ("GET", "/v3/voices/{0}"), ("DELETE", "/v3/voices/{0}"), ("GET", "/v3/media/{0}?expires={0}&sig={0}"), ("POST", "/v3/voices/speech"),
    ];

    private static readonly string[] Fields =
    [
        "email", "password", "apiKey", "maxJobs", "voice_id", "prompt", "speed", "pitch", "volume", "language_code", "emotion", "engine",
        "async", "replyUrl", "replyRef", "model", "input", "voice", "response_format", "x", "text", "voice_name", "audio", "type", "media_type", "data",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json", "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b",
        "multipart/form-data", "application/xml", "application/merge-patch+json", "", "application/json; charset=latin1",
    ];

    /// <summary>Pieces strings are made of: the ones that broke the gateway before (escaped lone surrogates), and others that break parsers.</summary>
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", "-1", "1e400", " ", "\\ud800", "\\udfff", "\\ud800", "\\udbff", "\\udc00", "\\ud83d\\ude00", "\\u0000", "\\\"", "\\\\", "é", "😀", "%", "%ED%A0%80", "%00",
        "..", "/", "@", "user:1-", "http://127.0.0.1/", "https://8.8.8.8/hook", "ftp://x/", "{", "}", "[", "]", ",", ":", "\"", "true", "null",
        "demo@example.com", "<a>", "\r\n", "\t", "\u200b", "\uFEFF",
    ];

    private static readonly Gen<string> Text = Gen.OneOf(Pieces).Array[0, 6].Select(parts => string.Concat(parts));

    private static readonly Gen<string> JsonValue = Gen.Frequency(
        (4, Text.Select(t => "\"" + t + "\"")),
        (2, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e999")),
        (1, Gen.Int[-5, 200].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("true", "false", "null", "[]", "{}", "[\"\\ud800\"]", "{\"a\":{\"b\":[1,{\"c\":\"\\udc00\"}]}}")));

    /// <summary>A JSON object of the routes' fields (some twice), whole or cut off anywhere.</summary>
    private static readonly Gen<byte[]> JsonBody =
        Gen.Select(Gen.OneOf(Fields).Select(JsonValue, (k, v) => $"\"{k}\":{v}").Array[0, 8], Gen.Int[0, 100], (members, cut) =>
        {
            var json = "{" + string.Join(",", members) + "}";
            return Encoding.UTF8.GetBytes(cut < 85 ? json : json[..(json.Length * (cut - 85) / 15)]);
        });

    private static readonly Gen<byte[]> FormBody = Gen.OneOf(Fields).Select(Text, (k, v) => Uri.EscapeDataString(k) + "=" + v).Array[0, 6]
        .Select(pairs => Encoding.UTF8.GetBytes(string.Join("&", pairs)));

    private static readonly Gen<byte[]> MultipartBody = Gen.OneOf(Fields).Select(Text, (k, v) => $"--b\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").Array[0, 5]
        .Select(Gen.Bool, (parts, close) => Encoding.UTF8.GetBytes(string.Concat(parts) + (close ? "--b--\r\n" : "")));

    private static readonly Gen<byte[]> Body = Gen.Frequency((5, JsonBody), (2, FormBody), (2, MultipartBody), (1, Gen.Byte.Array[0, 64]));

    private static readonly Gen<Probe> Probes =
        from route in Gen.OneOf(Routes)
        from otherMethod in Gen.Frequency((8, Gen.Const((string?)null)), (2, Gen.OneOf(Methods).Select(m => (string?)m)))
        from segment in Text
        from contentType in Gen.OneOf(ContentTypes)
        from body in Body
        from auth in Gen.Int[0, 12]
        from header in Text
        select new Probe(otherMethod ?? route.Method, route.Path.Replace("{0}", Uri.EscapeDataString(segment)), contentType, body, auth, header);

    [Fact]
    public async Task ThousandsOfGeneratedRequestsOnEveryRouteNeverGetA5xx()
    {
        await using var gateway = await TestGateway.StartAsync(
            settings: new Dictionary<string, string> { ["Gateway:FailedAuthPerMinute"] = "1000000" },
            services: services =>
            {
                // Nothing leaves the machine: names do not resolve, and webhooks (a generated replyUrl can be public) go nowhere.
                services.AddSingleton<IHostResolver, NoNames>();
                services.AddHttpClient(WebhookSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new Nowhere());
            });
        await gateway.AddAccountAsync(maxJobs: 10);
        var client = gateway.Anonymous();
        var watch = Stopwatch.StartNew();
        var sent = 0;
        await Probes.SampleAsync(async probe =>
        {
            using var request = probe.Request(gateway.Token);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or UriFormatException)
            {
                return; // The client refused to send it (an invalid header or URL): nothing reached the gateway.
            }
            Interlocked.Increment(ref sent);
            using (response)
            {
                var status = (int)response.StatusCode;
                Assert.True(status < 500, $"{probe} answered {status}: {await response.Content.ReadAsStringAsync()}");
            }
        }, iter: 4000, threads: 2);
        Assert.True(sent > 3000, $"only {sent} of 4000 generated requests were sent");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the fuzz run took {watch.Elapsed}");
    }

    public sealed record Probe(string Method, string Path, string ContentType, byte[] Body, int Auth, string Header)
    {
        public HttpRequestMessage Request(string token)
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Path);
            var authorization = Auth switch
            {
                < 5 or > 9 => "Bearer " + token,
                5 => "Bearer " + token[..^1],
                6 => "Bearer " + Header,
                7 => Header,
                8 => "Bearer user:01" + token[(token.IndexOf('-'))..],
                _ => null,
            };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", Header);
            request.Headers.TryAddWithoutValidation("X-Mediagate-Delivery", Header);
            request.Headers.TryAddWithoutValidation("X-Mediagate-Job", Header);
            if (Method is not ("GET" or "HEAD" or "OPTIONS") || Body.Length % 3 == 0)
            {
                request.Content = new ByteArrayContent(Body);
                if (ContentType.Length > 0)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }
            return request;
        }

        public override string ToString() =>
            $"{Method} {Path} (Content-Type '{ContentType}', auth {Auth}, header '{Header}') {Encoding.UTF8.GetString(Body)}";
    }

    private sealed class NoNames : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? Task.FromResult<IPAddress[]>([literal])
                : throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound);
    }

    private sealed class Nowhere : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
    }
}

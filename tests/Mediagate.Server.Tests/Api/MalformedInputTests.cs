using System.Net;
using System.Text;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.Api;

public sealed class MalformedInputTests
{
    private static readonly string[] Routes = ["/v1/heygen/accounts", "/v1/heygen/tts/create", "/v1/audio/speech"];

    public static IEnumerable<(string Name, Func<HttpContent> Body)> Bodies()
    {
        HttpContent Json(string text) => new StringContent(text, Encoding.UTF8, "application/json");
        yield return ("empty", () => Json(""));
        yield return ("whitespace", () => Json("   \n"));
        yield return ("truncated", () => Json("""{"email":"a@b.co","pass"""));
        yield return ("trailing comma", () => Json("""{"email":"a@b.co",}"""));
        yield return ("array", () => Json("[1,2,3]"));
        yield return ("string", () => Json("\"hello\""));
        yield return ("number", () => Json("42"));
        yield return ("null", () => Json("null"));
        yield return ("nested 200 deep", () => Json(new string('[', 200) + new string(']', 200)));
        yield return ("object 40 deep", () => Json(string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40)));
        yield return ("invalid utf-8", () => new ByteArrayContent([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]) { Headers = { ContentType = new("application/json") } });
        yield return ("binary", () => new ByteArrayContent([0, 1, 2, 3, 255, 254]) { Headers = { ContentType = new("application/json") } });
        yield return ("wrong types", () => Json("""{"email":[],"password":{},"maxJobs":[1],"voice_id":{},"prompt":[],"input":1,"model":false}"""));
        yield return ("huge numbers", () => Json("""{"email":"a@b.co","password":"p","maxJobs":1e400,"voice_id":"v","prompt":"p","speed":1e400}"""));
        yield return ("xml", () => new StringContent("<a/>", Encoding.UTF8, "application/xml"));
        yield return ("multipart without boundary", () => new StringContent("--x\r\n", Encoding.UTF8, "multipart/form-data"));
        yield return ("multipart cut off", () =>
        {
            var content = new StringContent("--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.co", Encoding.UTF8);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
            return content;
        });
        yield return ("multipart with a file", () => new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.bin" } });
        yield return ("multipart repeated field", () => new MultipartFormDataContent { { new StringContent("1"), "maxJobs" }, { new StringContent("2"), "maxJobs" } });
        yield return ("duplicate key", () => Json("""{"email":"a@b.co","email":"c@d.co","prompt":"a","prompt":"b","input":"a","input":"b"}"""));
        yield return ("lone surrogate", () => Json("""{"email":"\ud800","password":"\udfff","maxJobs":1,"voice_id":"\ud800","prompt":"\ud800","model":"m","input":"\ud800","voice":"v"}"""));
        yield return ("lone surrogate in a key", () => Json("""{"\ud800":1,"email":"a@b.co"}"""));
        yield return ("lone surrogate deep inside", () => Json("""{"email":"a@b.co","x":[{"y":"\udc00"}]}"""));
        yield return ("urlencoded garbage", () => new StringContent("%%%=%%%&&&", Encoding.UTF8, "application/x-www-form-urlencoded"));
    }

    [Fact]
    public async Task EveryMalformedBodyOnEveryPostRouteGetsA4xxNeverA5xx()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        var outcomes = new List<string>();
        foreach (var route in Routes)
        {
            foreach (var (name, body) in Bodies())
            {
                var response = await gateway.Client.PostAsync(route, body());
                var code = (int)response.StatusCode;
                outcomes.Add($"{route} {name}: {code}");
                Assert.True(code is >= 400 and < 500, $"{route} with {name} answered {code}: {await response.Content.ReadAsStringAsync()}");
                Assert.True((await response.Content.ReadAsStringAsync()).Contains("error"), $"{route} with {name} answered {code} with no error body");
            }
        }
        Assert.Equal(Routes.Length * Bodies().Count(), outcomes.Count);
    }

    [Theory]
    [InlineData("/v1/heygen/accounts")]
    [InlineData("/v1/heygen/tts/create")]
    [InlineData("/v1/audio/speech")]
    public async Task DuplicateKeysAndLoneSurrogatesGet400NamingTheProblem(string route)
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        foreach (var (text, expected) in new[]
        {
            ("""{"prompt":"a","prompt":"b","voice_id":"v","email":"a@b.co","password":"p","maxJobs":1,"model":"m","input":"i","voice":"v"}""", "prompt"),
            ("""{"prompt":"\ud800","voice_id":"v","email":"\ud800","password":"p","maxJobs":1,"model":"m","input":"\ud800","voice":"v"}""", "UTF-16"),
        })
        {
            var response = await gateway.Client.PostAsync(route, new StringContent(text, Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route} {text}: {(int)response.StatusCode} {body}");
            Assert.Contains(expected, body);
        }
    }

    [Fact]
    public async Task ABodyOverTheLimitGets413()
    {
        await using var gateway = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:MaxRequestBodyBytes"] = "2048" });
        var big = new StringContent($$"""{"email":"a@b.co","password":"{{new string('x', 4096)}}","maxJobs":1}""", Encoding.UTF8, "application/json");
        var response = await gateway.Client.PostAsync("/v1/heygen/accounts", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 2048 bytes", (await TestGateway.JsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task TooDeepJsonNamesTheProblem()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Client.PostAsync("/v1/heygen/accounts", new StringContent(string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth", (await TestGateway.JsonAsync(response))["error"]!.GetValue<string>());
    }
}

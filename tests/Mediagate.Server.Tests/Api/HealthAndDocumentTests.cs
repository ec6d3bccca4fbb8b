using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Mock.Faults;
using Mediagate.Server.Tests.Harness;
using Mediagate.Server.Tests.Tts;

namespace Mediagate.Server.Tests.Api;

public sealed class HealthAndDocumentTests
{
    [Fact]
    public async Task HealthzWithoutATokenSaysOnlyOk()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        var response = await gateway.Anonymous().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
        var wrong = await gateway.Authorized("user:1-" + new string('x', 40)).GetAsync("/healthz");
        Assert.Equal("""{"status":"ok"}""", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthzWithATokenNamesTheStoreTheInstanceAndTheAccounts()
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        var body = await TestGateway.JsonAsync(await gateway.Client.GetAsync("/healthz"));
        Assert.Equal("ok", body["status"]!.GetValue<string>());
        Assert.Equal("sqlite", body["store"]!.GetValue<string>());
        Assert.NotNull(body["instance"]);
        Assert.Equal(1, body["accounts"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheOpenApiServersComeFromConfigurationNotTheHostHeader()
    {
        await using (var unset = await TestGateway.StartAsync())
        {
            var client = unset.Anonymous();
            client.DefaultRequestHeaders.Host = "evil.example";
            var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
            Assert.DoesNotContain("evil.example", document.ToJsonString());
            Assert.True(document["servers"] is null or JsonArray { Count: 0 }, document["servers"]?.ToJsonString());
        }
        await using var set = await TestGateway.StartAsync(settings: new Dictionary<string, string> { ["Gateway:PublicUrl"] = "https://gateway.example.com/" });
        var probing = set.Anonymous();
        probing.DefaultRequestHeaders.Host = "evil.example";
        var configured = JsonNode.Parse(await probing.GetStringAsync("/openapi/v1.json"))!;
        Assert.Equal("""[{"url":"https://gateway.example.com"}]""", configured["servers"]!.ToJsonString());
    }

    [Theory]
    [InlineData(FaultKind.MalformedJson, "not json")]
    [InlineData(FaultKind.Status, "internal_error")]
    public async Task AnUpstreamFailureAnswers502WithoutTheUpstreamBody(FaultKind kind, string bodyText)
    {
        await using var gateway = await TestGateway.StartAsync();
        await gateway.AddAccountAsync();
        gateway.Mock.State.AddFault(new FaultRule("/v3/voices/speech", kind, 500, Times: null));
        var response = await gateway.Client.PostAsJsonAsync("/v1/heygen/tts/create", new { voice_id = TtsCreateTests.Marcia, prompt = "fails upstream" });
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var message = (await TestGateway.JsonAsync(response))["error"]!.GetValue<string>();
        Assert.DoesNotContain(bodyText, message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("{", message, StringComparison.Ordinal);
        Assert.Contains("HeyGen", message);
        Assert.Contains("log", message);
    }
}

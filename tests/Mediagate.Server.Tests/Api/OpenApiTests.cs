using System.Net;
using System.Text.Json.Nodes;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.Api;

public sealed class OpenApiTests
{
    [Fact]
    public async Task TheOpenApiDocumentListsEveryRouteWithoutAToken()
    {
        await using var gateway = await TestGateway.StartAsync();
        var response = await gateway.Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]!.AsObject();
        Assert.Equal(
            ["/v1/audio/speech", "/v1/heygen/accounts", "/v1/heygen/accounts/{email}", "/v1/heygen/jobs/{jobid}", "/v1/heygen/scheduler", "/v1/heygen/tts/create", "/v1/heygen/tts/languages", "/v1/heygen/tts/voices", "/v1/heygen/usage"],
            paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.NotNull(paths["/v1/heygen/accounts"]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]);
        Assert.NotNull(paths["/v1/heygen/accounts/{email}"]!["delete"]);
    }
}

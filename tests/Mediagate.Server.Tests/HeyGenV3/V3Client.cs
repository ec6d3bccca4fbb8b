using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediagate.Server.Tests.Harness;

namespace Mediagate.Server.Tests.HeyGenV3;

/// <summary>Calls the gateway's <c>/v3</c> as HeyGen's clients do: the token as <c>X-Api-Key</c>, JSON bodies.</summary>
internal static class V3Client
{
    public const string Marcia = "05f19352e8f74b0392a8f411eba40de1";

    /// <summary>A client sending <paramref name="token"/> as <c>X-Api-Key</c>, as HyperFrames does.</summary>
    public static HttpClient WithApiKey(TestGateway gateway, string token)
    {
        var client = gateway.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", token);
        client.DefaultRequestHeaders.Add("X-HeyGen-Client-Source", "media-use");
        return client;
    }

    public static Task<HttpResponseMessage> SpeakAsync(HttpClient client, string text = "Sound for every frame.", string voiceId = Marcia) =>
        client.PostAsJsonAsync("/v3/voices/speech", new { text, voice_id = voiceId, speed = 1.0 });

    public static async Task<JsonObject> DataAsync(HttpResponseMessage response)
    {
        var body = await TestGateway.JsonAsync(response);
        return body["data"] as JsonObject ?? throw new InvalidOperationException("no data object in " + body.ToJsonString());
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Mediagate.Audio;
using Mediagate.Mock;

namespace Mediagate.Tests.Mock.HeyGen;

/// <summary>HeyGen's voices as HyperFrames' pipeline reads them: display-name languages, clones, paging, and word timings.</summary>
public sealed class HeyGenVoiceRoutesTests
{
    private const string Marcia = "05f19352e8f74b0392a8f411eba40de1";

    [Fact]
    public async Task LanguagesAreDisplayNamesAndTheFirstEnglishVoiceIsMarcia()
    {
        await using var server = await MockServer.StartAsync();

        var voices = (await MockHttp.GetAsync(server, "/v3/voices?engine=starfish&type=public&limit=50", MockHttp.HeyGen)).Json["data"]!.AsArray();

        Assert.Equal(Marcia, (string?)voices.First(v => (string?)v!["language"] == "English")!["voice_id"]);
        Assert.Equal(["English", "Spanish", "French", "German", "Hindi", "Japanese"], voices.Select(v => (string?)v!["language"]).Distinct());
    }

    [Fact]
    public async Task ACloneIsCompleteSpeaksIsListedAsPrivateAndCanBeDeleted()
    {
        await using var server = await MockServer.StartAsync();

        var cloned = await MockHttp.PostAsync(server, "/v3/voices/clone", Clone("hf-narrator", Tone(2)), MockHttp.HeyGen);
        var id = (string)cloned.Json["data"]!["voice_clone_id"]!;
        var status = (await MockHttp.GetAsync(server, "/v3/voices/" + id, MockHttp.HeyGen)).Json["data"]!;
        var speech = await MockHttp.PostAsync(server, "/v3/voices/speech", $$"""{"text":"My own voice.","voice_id":"{{id}}"}""", MockHttp.HeyGen);
        var listed = (await MockHttp.GetAsync(server, "/v3/voices?type=private&limit=100", MockHttp.HeyGen)).Json;
        var deleted = await MockHttp.SendAsync(server, HttpMethod.Delete, "/v3/voices/" + id, null, MockHttp.HeyGen);
        var gone = await MockHttp.GetAsync(server, "/v3/voices/" + id, MockHttp.HeyGen);

        Assert.Equal("complete", (string?)status["status"]);
        Assert.Equal(id, (string?)status["voice_id"]);
        Assert.True(status["created_at"]!.GetValue<long>() > 0);
        Assert.Equal(HttpStatusCode.OK, speech.Status);
        Assert.Equal("hf-narrator", (string?)Assert.Single(listed["data"]!.AsArray())!["name"]);
        Assert.False((bool)listed["has_more"]!);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("not_found", (string?)gone.Json["error"]!["code"]);
    }

    [Fact]
    public async Task ASampleThatIsNotAudioGivesAFailedCloneWithAMessage()
    {
        await using var server = await MockServer.StartAsync();

        var cloned = await MockHttp.PostAsync(server, "/v3/voices/clone", Clone("broken", Convert.ToBase64String("not audio at all"u8.ToArray())), MockHttp.HeyGen);
        var status = (await MockHttp.GetAsync(server, "/v3/voices/" + (string)cloned.Json["data"]!["voice_clone_id"]!, MockHttp.HeyGen)).Json["data"]!;
        var missing = await MockHttp.PostAsync(server, "/v3/voices/clone", """{"audio":{"type":"base64","media_type":"audio/wav","data":""}}""", MockHttp.HeyGen);

        Assert.Equal("failed", (string?)status["status"]);
        Assert.Equal("The sample could not be decoded as MP3 or WAV audio.", (string?)status["failure_message"]);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("voice_name is required", (string?)missing.Json["error"]!["message"]);
    }

    [Fact]
    public async Task TheListPagesWithTopLevelHasMoreAndNextToken()
    {
        await using var server = await MockServer.StartAsync();
        var ids = new List<string>();
        string? token = null;
        JsonNode page;

        do
        {
            page = (await MockHttp.GetAsync(server, "/v3/voices?limit=3" + (token is null ? "" : "&token=" + Uri.EscapeDataString(token)), MockHttp.HeyGen)).Json;
            ids.AddRange(page["data"]!.AsArray().Select(v => (string)v!["voice_id"]!));
            token = (string?)page["next_token"];
        }
        while ((bool)page["has_more"]!);

        Assert.Equal(8, ids.Distinct().Count());
        Assert.Null(token);
    }

    [Fact]
    public async Task NoSpokenWordIsZeroLengthAndTheWordsDoNotOverlap()
    {
        await using var server = await MockServer.StartAsync();

        var speech = (await MockHttp.PostAsync(server, "/v3/voices/speech", $$"""{"text":"A b c, I, O; a 1 2 3 go.","voice_id":"{{Marcia}}"}""", MockHttp.HeyGen)).Json;

        var words = speech["data"]!["word_timestamps"]!.AsArray().Where(w => !((string)w!["word"]!).StartsWith('<')).ToList();
        Assert.NotEmpty(words);
        Assert.All(words, w => Assert.True((double)w!["end"]! > (double)w["start"]!, $"{w["word"]} lasts no time: {w.ToJsonString()}"));
        Assert.All(words.Zip(words.Skip(1)), p => Assert.True((double)p.Second!["start"]! >= (double)p.First!["end"]!));
    }

    private static string Clone(string name, string data) =>
        new JsonObject { ["voice_name"] = name, ["audio"] = new JsonObject { ["type"] = "base64", ["media_type"] = "audio/wav", ["data"] = data } }.ToJsonString();

    private static string Tone(double seconds)
    {
        using var wav = new MemoryStream();
        var writer = new WavWriter(wav, 16000, 1);
        writer.Write(Enumerable.Range(0, (int)(16000 * seconds)).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * 180 * i / 16000))).ToArray());
        writer.Complete();
        return Convert.ToBase64String(wav.ToArray());
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Mediagate.Mock;

namespace Mediagate.Tests.Mock.ElevenLabs;

/// <summary>ElevenLabs as the official SDK (2.73.0) reads it: output formats, the user schema, voices.search and the streams.</summary>
public sealed class ElevenLabsRoutesTests
{
    private const string Rachel = "21m00Tcm4TlvDq8ikWAM";
    private const string Body = """{"text":"Formats follow the query."}""";

    [Theory]
    [InlineData("", 44100, 128)]
    [InlineData("?output_format=mp3_44100_128", 44100, 128)]
    [InlineData("?output_format=mp3_44100_64", 44100, 64)]
    [InlineData("?output_format=mp3_24000_48", 24000, 48)]
    [InlineData("?output_format=mp3_22050_32", 22050, 32)]
    public async Task Mp3FormatsComeAtTheirRateAndBitRateAndTheDefaultIs44100At128(string query, int rate, int kbps)
    {
        await using var server = await MockServer.StartAsync();

        var answer = await MockHttp.PostAsync(server, $"/v1/text-to-speech/{Rachel}{query}", Body, MockHttp.ElevenLabs);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("audio/mpeg", answer.ContentType);
        var frame = FirstFrame(answer.Bytes);
        Assert.Equal(rate, frame.Rate);
        Assert.Equal(kbps, frame.Kbps);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    [InlineData(22050)]
    [InlineData(24000)]
    [InlineData(44100)]
    public async Task PcmIsRaw16BitMonoAtTheAskedRate(int rate)
    {
        await using var server = await MockServer.StartAsync();

        var pcm = await MockHttp.PostAsync(server, $"/v1/text-to-speech/{Rachel}?output_format=pcm_{rate}", Body, MockHttp.ElevenLabs);
        var timed = await MockHttp.PostAsync(server, $"/v1/text-to-speech/{Rachel}/with-timestamps?output_format=pcm_{rate}", Body, MockHttp.ElevenLabs);

        Assert.Equal(HttpStatusCode.OK, pcm.Status);
        Assert.Equal("audio/pcm", pcm.ContentType);
        Assert.Equal(0, pcm.Bytes.Length % 2);
        Assert.False(pcm.Bytes.AsSpan(0, 3).SequenceEqual("ID3"u8) || pcm.Bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8), "raw PCM has no header");
        var seconds = pcm.Bytes.Length / 2.0 / rate;
        var end = (double)timed.Json["alignment"]!["character_end_times_seconds"]!.AsArray()[^1]!;
        Assert.InRange(seconds, end, end + 1.0);
        Assert.Equal(pcm.Bytes, Convert.FromBase64String((string)timed.Json["audio_base64"]!));
    }

    [Fact]
    public async Task AFormatTheMockDoesNotMakeIsRefusedWith422NamingTheParameter()
    {
        await using var server = await MockServer.StartAsync();

        var answer = await MockHttp.PostAsync(server, $"/v1/text-to-speech/{Rachel}?output_format=opus_48000_64", Body, MockHttp.ElevenLabs);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Equal(["query", "output_format"], answer.Json["detail"]![0]!["loc"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task TheUserBodyHasEveryKeyTheSdkSchemaRequires()
    {
        await using var server = await MockServer.StartAsync();

        var user = (await MockHttp.GetAsync(server, "/v1/user", MockHttp.ElevenLabs)).Json.AsObject();

        string[] top = ["user_id", "workspace_id", "subscription", "is_new_user", "can_use_delayed_payment_methods", "is_onboarding_completed", "is_onboarding_checklist_completed", "created_at", "seat_type"];
        string[] subscription =
        [
            "tier", "character_count", "character_limit", "max_credit_limit_extension", "can_extend_character_limit", "allowed_to_extend_character_limit",
            "voice_slots_used", "professional_voice_slots_used", "professional_voice_slots_used_in_workspace", "voice_limit", "voice_add_edit_counter",
            "professional_voice_limit", "can_extend_voice_limit", "can_use_instant_voice_cloning", "can_use_professional_voice_cloning", "current_overage", "status",
        ];
        Assert.Equal([], top.Except(user.Select(p => p.Key)));
        Assert.Equal([], subscription.Except(user["subscription"]!.AsObject().Select(p => p.Key)));
        Assert.Equal("workspace_admin", (string?)user["seat_type"]);
        Assert.Equal("usd", (string?)user["subscription"]!["current_overage"]!["currency"]);
    }

    [Fact]
    public async Task VoicesSearchPagesWithNextPageTokenUntilHasMoreIsFalse()
    {
        await using var server = await MockServer.StartAsync();
        var names = new List<string>();
        string? token = null;
        JsonNode page;

        do
        {
            page = (await MockHttp.GetAsync(server, "/v2/voices?page_size=3" + (token is null ? "" : "&next_page_token=" + Uri.EscapeDataString(token)), MockHttp.ElevenLabs)).Json;
            names.AddRange(page["voices"]!.AsArray().Select(v => (string)v!["name"]!));
            token = (string?)page["next_page_token"];
        }
        while ((bool)page["has_more"]!);
        var search = (await MockHttp.GetAsync(server, "/v2/voices?search=british", MockHttp.ElevenLabs)).Json;

        Assert.Equal(["Rachel", "River", "George", "Sarah"], names);
        Assert.Null(token);
        Assert.Equal(4, (int)page["total_count"]!);
        Assert.Equal("George", (string?)Assert.Single(search["voices"]!.AsArray())!["name"]);
    }

    [Fact]
    public async Task TheStreamsCarryTheSameAudioAsTheWholeAnswerInSeveralChunks()
    {
        await using var server = await MockServer.StartAsync();
        const string text = """{"text":"A stream comes in pieces, line by line."}""";

        var whole = await MockHttp.PostAsync(server, $"/v1/text-to-speech/{Rachel}/with-timestamps?output_format=pcm_16000", text, MockHttp.ElevenLabs);
        var stream = await MockHttp.PostAsync(server, $"/v1/text-to-speech/{Rachel}/stream?output_format=pcm_16000", text, MockHttp.ElevenLabs);
        var lines = (await MockHttp.PostAsync(server, $"/v1/text-to-speech/{Rachel}/stream/with-timestamps?output_format=pcm_16000", text, MockHttp.ElevenLabs))
            .Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        var audio = Convert.FromBase64String((string)whole.Json["audio_base64"]!);
        Assert.Equal(audio, stream.Bytes);
        Assert.True(lines.Count > 1, "one line per half second of audio");
        Assert.Equal(audio, lines.SelectMany(l => Convert.FromBase64String((string)l["audio_base64"]!)).ToArray());
        Assert.Equal("A stream comes in pieces, line by line.", string.Concat(lines.SelectMany(l => l["alignment"]!["characters"]!.AsArray()).Select(c => (string?)c)));
        var starts = lines.SelectMany(l => l["alignment"]!["character_start_times_seconds"]!.AsArray()).Select(t => (double)t!).ToList();
        Assert.Equal(starts.Order(), starts);
    }

    /// <summary>The sample rate and bit rate of the first MPEG-1/2 layer III frame.</summary>
    private static (int Rate, int Kbps) FirstFrame(byte[] mp3)
    {
        var i = 0;
        if (mp3.AsSpan(0, 3).SequenceEqual("ID3"u8))
        {
            i = 10 + ((mp3[6] & 0x7F) << 21 | (mp3[7] & 0x7F) << 14 | (mp3[8] & 0x7F) << 7 | (mp3[9] & 0x7F));
        }
        while (!(mp3[i] == 0xFF && (mp3[i + 1] & 0xE0) == 0xE0))
        {
            i++;
        }
        var mpeg1 = (mp3[i + 1] & 0x18) == 0x18;
        int[] v1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
        int[] v2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
        int[] rates1 = [44100, 48000, 32000];
        int[] rates2 = [22050, 24000, 16000];
        var kbps = (mpeg1 ? v1 : v2)[mp3[i + 2] >> 4];
        var rate = (mpeg1 ? rates1 : rates2)[(mp3[i + 2] >> 2) & 3];
        return (rate, kbps);
    }
}

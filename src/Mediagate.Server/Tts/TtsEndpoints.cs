using System.Text;
using System.Text.Json.Nodes;
using Mediagate.Providers.HeyGen;
using Mediagate.Server.Api;
using Mediagate.Server.Jobs;
using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Server.Tts;

/// <summary><c>/v1/heygen/tts</c>: speech through the account pool, and HeyGen's voices and languages.</summary>
internal static class TtsEndpoints
{
    public static RouteGroupBuilder MapTts(this RouteGroupBuilder v1)
    {
        var tts = v1.MapGroup("/heygen/tts").WithTags("Text to speech");
        tts.MapPost("/create", CreateAsync)
            .Accepts<TtsInput>("application/json", "multipart/form-data", "application/x-www-form-urlencoded")
            .Produces<JsonObject>()
            .Produces<JsonObject>(StatusCodes.Status201Created)
            .WithSummary("Speech on a pooled account with a free slot: 200 {audio_url, duration, is_pass, job_id, word_timestamps}, or 201 {jobid} with async:true; 429 when every slot is busy.");
        tts.MapGet("/voices", VoicesAsync).Produces<JsonArray>().WithSummary("HeyGen's voices; ?voice_id= gives one.");
        tts.MapGet("/languages", LanguagesAsync).Produces<JsonArray>().WithSummary("The language codes the voices speak.");
        return tts;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, GatewayOptions options, VoiceCatalog catalog, SlotPool pool, JobRunner runner, SpeechCalls calls)
    {
        var tts = TtsRequest.Parse(await RequestFields.ReadAsync(http.Request, options));
        await catalog.CheckAsync(tts, http.RequestAborted);
        var job = new JobRow
        {
            JobId = SlotPool.NewJobId(),
            TokenId = http.Caller().TokenId,
            Kind = "tts",
            Status = tts.Async ? JobStatus.Created : JobStatus.Started,
            Async = tts.Async,
            Request = tts.ToJson().ToJsonString(),
            ReplyUrl = tts.ReplyUrl,
            ReplyRef = tts.ReplyRef,
        };
        var lease = await pool.AcquireAsync(job, tts.Email, http.RequestAborted);
        // The answer is serialised once: the same text is the job's recorded response and the HTTP body.
        async Task<(string, string)> Work(CancellationToken cancellationToken)
        {
            var speech = await calls.SpeakAsync(lease.Account, tts.Prompt, tts.VoiceId, tts.Speed / 100, tts.LanguageCode, cancellationToken);
            var json = Response(speech, job.JobId).ToJsonString(GatewayJson.Options);
            return (json, json);
        }
        if (tts.Async)
        {
            runner.Start(lease, async ct => (await Work(ct)).Item2);
            return Results.Json(new JsonObject { ["jobid"] = job.JobId }, statusCode: StatusCodes.Status201Created);
        }
        return Results.Text(await runner.RunAsync(lease, Work, http.RequestAborted), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> VoicesAsync(HttpContext http, VoiceCatalog catalog)
    {
        var voices = await catalog.VoicesAsync(http.RequestAborted);
        if (http.Request.Query["voice_id"].ToString() is { Length: > 0 } id)
        {
            return voices.FirstOrDefault(v => v.VoiceId == id) is { } voice
                ? Results.Json(VoiceCatalog.ToJson(voice))
                : ApiErrors.NotFound($"voice_id {id} is not one of HeyGen's voices; list them with GET /v1/heygen/tts/voices");
        }
        return Results.Json(new JsonArray([.. voices.Select(v => (JsonNode)VoiceCatalog.ToJson(v))]));
    }

    private static async Task<IResult> LanguagesAsync(HttpContext http, VoiceCatalog catalog)
    {
        var voices = await catalog.VoicesAsync(http.RequestAborted);
        return Results.Json(new JsonArray([.. VoiceCatalog.Languages(voices).Select(code => (JsonNode)new JsonObject
        {
            ["language_code"] = code,
            ["voices"] = voices.Count(v => string.Equals(v.Language, code, StringComparison.OrdinalIgnoreCase)),
        })]));
    }

    private static JsonObject Response(HeyGenSpeech speech, string jobId) => new()
    {
        ["audio_url"] = speech.AudioUrl.ToString(),
        ["duration"] = speech.DurationSeconds ?? (speech.Words.Count > 0 ? speech.Words[^1].End : 0),
        ["is_pass"] = true,
        ["job_id"] = jobId,
        ["word_timestamps"] = new JsonArray([.. speech.Words.Select(w => (JsonNode)new JsonObject { ["word"] = w.Text, ["start"] = w.Start, ["end"] = w.End })]),
    };
}

/// <summary>The body of POST /v1/heygen/tts/create (for the OpenAPI document).</summary>
/// <param name="voice_id">A voice from GET /v1/heygen/tts/voices.</param>
/// <param name="prompt">What to say: at most 5000 characters.</param>
/// <param name="speed">50 to 150; 100 is normal.</param>
/// <param name="pitch">-100 to 100.</param>
/// <param name="volume">0 to 100.</param>
/// <param name="language_code">A code from GET /v1/heygen/tts/languages.</param>
/// <param name="emotion">One of the voice's settings.clone_emotions.</param>
/// <param name="engine">auto, aws, azure, elevenLabs, elevenLabsV3, fish, google, openai, openaiEmo, panda or starfish.</param>
/// <param name="email">The account to use; without it, a random account with a free slot.</param>
/// <param name="async">true: answer 201 {jobid} at once and run in the background.</param>
/// <param name="replyUrl">Where to POST the job when it ends (at most 1024 characters).</param>
/// <param name="replyRef">Returned with the webhook.</param>
#pragma warning disable IDE1006 // The names are the wire names.
internal sealed record TtsInput(string voice_id, string prompt, double? speed, double? pitch, double? volume, string? language_code,
    string? emotion, string? engine, string? email, bool? async, string? replyUrl, string? replyRef);
#pragma warning restore IDE1006

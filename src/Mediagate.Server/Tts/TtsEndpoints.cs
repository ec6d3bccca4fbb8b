using System.Text.Json;
using Mediagate.Server.Api;
using Mediagate.Server.Jobs;
using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Mediagate.Server.Tts;

/// <summary><c>/v1/heygen/tts</c>: speech through the account pool, and HeyGen's voices and languages.</summary>
internal static class TtsEndpoints
{
    public static RouteGroupBuilder MapTts(this RouteGroupBuilder v1)
    {
        var tts = v1.MapGroup("/heygen/tts").WithTags("Text to speech");
        tts.MapPost("/create", CreateAsync)
            .Accepts<TtsInput>("application/json", "multipart/form-data", "application/x-www-form-urlencoded")
            .ProducesErrors(
                StatusCodes.Status400BadRequest, // validation, or HeyGen refused the request
                StatusCodes.Status404NotFound, // no account, or not the one asked for
                StatusCodes.Status412PreconditionFailed, // the account is out of credits
                StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status502BadGateway, // HeyGen failed
                StatusCodes.Status503ServiceUnavailable, // every account is out of service, or the gateway is stopping
                ApiErrors.SessionBroken)
            .WithSummary("Speech on a pooled account with a free slot: 200 {audio_url, duration, is_pass, job_id, word_timestamps}, or 201 {jobid} with async:true; 429 when every slot is busy.");
        tts.MapGet("/voices", VoicesAsync).ProducesErrors(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(ListOrOneVoiceAsync)
            .WithSummary("HeyGen's voices; ?voice_id= gives one.");
        tts.MapGet("/languages", LanguagesAsync).ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable)
            .WithSummary("The language codes the voices speak.");
        return tts;
    }

    private static async Task<Results<PreSerialized<TtsSpeech>, Created<JobCreated>>> CreateAsync(
        HttpContext http, GatewayOptions options, VoiceCatalog catalog, WebhookDestinations destinations, SlotPool pool, JobRunner runner, SpeechCalls calls)
    {
        var tts = TtsRequest.Parse(await RequestFields.ReadAsync(http.Request, options));
        var caller = http.Caller();
        if (tts.ReplyUrl is { } replyUrl)
        {
            await destinations.CheckAsync(replyUrl, http.RequestAborted);
        }
        await catalog.CheckAsync(caller.TenantId, tts, http.RequestAborted);
        var job = new JobRow
        {
            JobId = SlotPool.NewJobId(),
            TokenId = caller.TokenId,
            TenantId = caller.TenantId,
            Kind = "tts",
            Status = tts.Async ? JobStatus.Created : JobStatus.Started,
            Async = tts.Async,
            Request = tts.ToJson().ToJsonString(),
            ReplyUrl = tts.ReplyUrl,
            ReplyRef = tts.ReplyRef,
            Characters = tts.Prompt.Length,
        };
        var lease = await pool.AcquireAsync(job, tts.Email, http.RequestAborted);
        // The answer is serialised once: the same text is the job's recorded response and the HTTP body.
        async Task<(string, string, double?)> Work(CancellationToken cancellationToken)
        {
            var speech = await calls.SpeakAsync(lease.Account, tts.Prompt, tts.VoiceId, tts.Speed / 100, tts.LanguageCode, cancellationToken);
            var answer = TtsSpeech.Of(speech, job.JobId);
            var json = JsonSerializer.Serialize(answer, GatewayJson.Options);
            return (json, json, answer.duration);
        }
        if (tts.Async)
        {
            runner.Start(lease, async ct =>
            {
                var (_, response, seconds) = await Work(ct);
                return (response, seconds);
            });
            return TypedResults.Created((string?)null, new JobCreated(job.JobId));
        }
        return new PreSerialized<TtsSpeech>(await runner.RunMeteredAsync(lease, Work, http.RequestAborted));
    }

    private static async Task<Results<Ok<VoiceView[]>, Ok<VoiceView>, NotFound<ApiError>>> VoicesAsync(
        [FromQuery(Name = "voice_id")] string? voiceId, VoiceCatalog catalog, HttpContext http)
    {
        var voices = await catalog.VoicesAsync(http.Caller().TenantId, http.RequestAborted);
        if (voiceId is { Length: > 0 } id)
        {
            return voices.FirstOrDefault(v => v.VoiceId == id) is { } voice
                ? TypedResults.Ok(VoiceView.Of(voice))
                : ApiErrors.NotFound($"voice_id {id} is not one of HeyGen's voices; list them with GET /v1/heygen/tts/voices");
        }
        return TypedResults.Ok(voices.Select(VoiceView.Of).ToArray());
    }

    /// <summary>The 200 of GET /voices is the list, or one voice with ?voice_id=: two types for one status, which the generator cannot say itself.</summary>
    private static async Task ListOrOneVoiceAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var list = await context.GetOrCreateSchemaAsync(typeof(VoiceView[]), null, cancellationToken);
        var one = await context.GetOrCreateSchemaAsync(typeof(VoiceView), null, cancellationToken);
        operation.Responses!["200"].Content!["application/json"].Schema = new OpenApiSchema
        {
            OneOf = [list, one],
            Description = "Every voice; with ?voice_id=, that one voice.",
        };
    }

    private static async Task<Ok<LanguageView[]>> LanguagesAsync(VoiceCatalog catalog, HttpContext http)
    {
        var voices = await catalog.VoicesAsync(http.Caller().TenantId, http.RequestAborted);
        return TypedResults.Ok(VoiceCatalog.Languages(voices)
            .Select(code => new LanguageView(code, voices.Count(v => string.Equals(v.Language, code, StringComparison.OrdinalIgnoreCase))))
            .ToArray());
    }
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
/// <param name="replyUrl">Where to POST the job when it ends: http(s), at most 1024 characters, a host with public addresses only.</param>
/// <param name="replyRef">Returned with the webhook.</param>
#pragma warning disable IDE1006 // The names are the wire names.
internal sealed record TtsInput(string voice_id, string prompt, double? speed, double? pitch, double? volume, string? language_code,
    string? emotion, string? engine, string? email, bool? async, string? replyUrl, string? replyRef);
#pragma warning restore IDE1006

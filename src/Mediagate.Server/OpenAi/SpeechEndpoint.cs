using System.Text.Json;
using Mediagate.Capabilities;
using Mediagate.Server.Api;
using Mediagate.Server.Jobs;
using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;
using Mediagate.Server.Tts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Server.OpenAi;

/// <summary>
/// OpenAI's <c>POST /v1/audio/speech</c>: <c>{model, input, voice, response_format, speed}</c> answered with audio bytes through the
/// speech chain: the account pool, then the local voice (eSpeak NG) when the pool has no usable account. Errors use OpenAI's error shape.
/// </summary>
internal static class SpeechEndpoint
{
    public const int MaxInput = 4096;


    public static RouteGroupBuilder MapOpenAiSpeech(this RouteGroupBuilder v1)
    {
        v1.MapPost("/audio/speech", SpeakAsync).WithTags("OpenAI compatible").WithMetadata(new OpenAiErrorShape())
            .Accepts<OpenAiSpeechInput>("application/json")
            .Produces<Stream>(StatusCodes.Status200OK, "audio/mpeg", "audio/ogg", "audio/flac", "audio/wav", "audio/pcm")
            .WithSummary("OpenAI-compatible speech: audio bytes from the pool, or the local voice when there is no account.");
        return v1;
    }

    private static async Task<Results<FileContentHttpResult, PushStreamHttpResult, OpenAiFailure>> SpeakAsync(HttpContext http, GatewayOptions options, SlotPool pool, JobRunner runner, SpeechCalls calls, KokoroSpeechSource kokoro, LocalSpeechSource local)
    {
        try
        {
            var fields = await RequestFields.ReadAsync(http.Request, options);
            Fields.RequiredText(fields, "model", 200);
            var input = Fields.RequiredText(fields, "input", MaxInput);
            var voice = Fields.RequiredText(fields, "voice", 200).Trim();
            var format = Fields.Text(fields, "response_format", 16) ?? "mp3";
            if (SpeechFormats.Problem(format) is { } problem)
            {
                throw ApiException.BadRequest(problem);
            }
            var speed = Fields.Decimal(fields, "speed", 0.25, 4.0) ?? 1.0;
            var job = new JobRow
            {
                JobId = SlotPool.NewJobId(),
                TokenId = http.Caller().TokenId,
                TenantId = http.Caller().TenantId,
                Kind = "speech",
                Status = JobStatus.Started,
                Request = JsonSerializer.Serialize(new SpeechJobRequest(input, voice, format, speed), GatewayJson.Options),
            };
            var chain = new ProviderChain<ISpeechSource>(Capability.Voice, [new PoolSpeechSource(pool, runner, calls), kokoro, local]);
            var outcome = await chain.RunAsync(ChainWording.Auto, (source, _, ct) => source.SpeakAsync(new SpeechAsk(input, voice, format, speed, job), ct), http.RequestAborted);
            http.Response.Headers["X-Mediagate-Provider"] = outcome.Provider;
            return outcome.Value.Stream is { } stream
                ? TypedResults.Stream(body => stream(body, http.RequestAborted), SpeechFormats.ContentType(format))
                : TypedResults.Bytes(outcome.Value.Audio!, SpeechFormats.ContentType(format));
        }
        catch (ChainFailedException ex)
        {
            return new OpenAiFailure(new ApiException(StatusCodes.Status503ServiceUnavailable, ex.Message));
        }
        catch (UsageException ex)
        {
            return new OpenAiFailure(ApiException.BadRequest(ex.Message));
        }
        catch (ApiException ex)
        {
            if (ex.Status == StatusCodes.Status429TooManyRequests && !http.Response.Headers.ContainsKey("Retry-After"))
            {
                http.Response.Headers.RetryAfter = "1";
            }
            return new OpenAiFailure(ex);
        }
    }
}

/// <summary>The body of POST /v1/audio/speech (for the OpenAPI document).</summary>
#pragma warning disable IDE1006 // The names are the wire names.
internal sealed record OpenAiSpeechInput(string model, string input, string voice, string? response_format, double? speed);
#pragma warning restore IDE1006

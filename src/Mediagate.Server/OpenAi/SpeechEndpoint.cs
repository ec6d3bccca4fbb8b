using System.Text.Json;
using Mediagate.Capabilities.Voice;
using Mediagate.Local.Voice;
using Mediagate.Providers.HeyGen;
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
/// OpenAI's <c>POST /v1/audio/speech</c>: <c>{model, input, voice, response_format, speed}</c> answered with audio bytes from the
/// account pool, or from the local voice (eSpeak NG) when the pool has no usable account. Errors use OpenAI's error shape.
/// </summary>
internal static class SpeechEndpoint
{
    public const int MaxInput = 4096;

    public static RouteGroupBuilder MapOpenAiSpeech(this RouteGroupBuilder v1)
    {
        v1.MapPost("/audio/speech", SpeakAsync).WithTags("OpenAI compatible")
            .Accepts<OpenAiSpeechInput>("application/json")
            .Produces<Stream>(StatusCodes.Status200OK, "audio/mpeg", "audio/wav", "audio/pcm")
            .WithSummary("OpenAI-compatible speech: audio bytes from the pool, or the local voice when there is no account.");
        return v1;
    }

    private static async Task<Results<FileContentHttpResult, OpenAiFailure>> SpeakAsync(HttpContext http, GatewayOptions options, SlotPool pool, JobRunner runner, SpeechCalls calls)
    {
        try
        {
            var fields = await RequestFields.ReadAsync(http.Request, options);
            Fields.RequiredText(fields, "model", 200);
            var input = Fields.RequiredText(fields, "input", MaxInput);
            var voice = Fields.RequiredText(fields, "voice", 200).Trim();
            var format = Fields.Text(fields, "response_format", 16) ?? "mp3";
            if (!SpeechFormats.Supported.Contains(format))
            {
                throw ApiException.BadRequest($"response_format must be one of {string.Join(", ", SpeechFormats.Supported)} (got '{format}')");
            }
            var speed = Fields.Decimal(fields, "speed", 0.25, 4.0) ?? 1.0;
            var voiceId = voice.Length == 32 && voice.All(char.IsAsciiHexDigitLower) ? voice : HeyGenClient.DefaultVoiceId;
            var job = new JobRow
            {
                JobId = SlotPool.NewJobId(),
                TokenId = http.Caller().TokenId,
                TenantId = http.Caller().TenantId,
                Kind = "speech",
                Status = JobStatus.Started,
                Request = JsonSerializer.Serialize(new SpeechJobRequest(input, voice, format, speed), GatewayJson.Options),
            };
            Lease lease;
            try
            {
                lease = await pool.AcquireAsync(job, null, http.RequestAborted);
            }
            catch (ApiException ex) when (ex.Status is StatusCodes.Status404NotFound or StatusCodes.Status503ServiceUnavailable)
            {
                // No account, or none in service: the local voice answers.
                http.Response.Headers["X-Mediagate-Provider"] = "local";
                var wav = await Task.Run(() =>
                {
                    using var buffer = new MemoryStream();
                    new LocalVoiceEngine().Synthesize(new SpeechRequest(input, Speed: Math.Clamp(speed, 0.5, 3.0), SampleRate: SpeechFormats.SampleRate), buffer, http.RequestAborted);
                    return buffer.ToArray();
                }, http.RequestAborted);
                return TypedResults.Bytes(SpeechFormats.FromWav(wav, format), SpeechFormats.ContentType(format));
            }
            http.Response.Headers["X-Mediagate-Provider"] = "heygen";
            var audio = await runner.RunAsync(lease, async ct =>
            {
                var speech = await calls.SpeakAsync(lease.Account, input, voiceId, Math.Clamp(speed, 0.5, 2.0), null, ct);
                var mp3 = await calls.DownloadAsync(speech.AudioUrl, ct);
                var bytes = SpeechFormats.FromMp3(mp3, format);
                return (bytes, JsonSerializer.Serialize(new SpeechJobResponse(speech.AudioUrl.ToString(), bytes.Length), GatewayJson.Options));
            }, http.RequestAborted);
            return TypedResults.Bytes(audio, SpeechFormats.ContentType(format));
        }
        catch (ApiException ex)
        {
            return new OpenAiFailure(ex);
        }
    }
}

/// <summary>The body of POST /v1/audio/speech (for the OpenAPI document).</summary>
#pragma warning disable IDE1006 // The names are the wire names.
internal sealed record OpenAiSpeechInput(string model, string input, string voice, string? response_format, double? speed);
#pragma warning restore IDE1006

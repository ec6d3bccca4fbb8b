using System.Text.Json.Nodes;
using Mediagate.Http;
using Mediagate.Local.Voice;
using Mediagate.Mock.Faults;
using Mediagate.Mock.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Mock.ElevenLabs;

/// <summary>
/// ElevenLabs, keyed by <c>xi-api-key</c>: speech (<c>/v1/text-to-speech/{voice}</c>, <c>/with-timestamps</c>, <c>/stream</c>,
/// <c>/stream/with-timestamps</c>) in the asked <c>output_format</c>, <c>/v1/voices</c>, <c>/v2/voices</c> and <c>/v1/user</c>.
/// </summary>
internal static class ElevenLabsRoutes
{
    public static IEndpointRouteBuilder MapElevenLabs(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/text-to-speech/{voiceId}", (string voiceId, HttpRequest request, MockState state) => SpeakAsync(voiceId, request, state, Answer.Audio));
        app.MapPost("/v1/text-to-speech/{voiceId}/with-timestamps", (string voiceId, HttpRequest request, MockState state) => SpeakAsync(voiceId, request, state, Answer.Timestamps));
        app.MapPost("/v1/text-to-speech/{voiceId}/stream", (string voiceId, HttpRequest request, MockState state) => SpeakAsync(voiceId, request, state, Answer.AudioStream));
        app.MapPost("/v1/text-to-speech/{voiceId}/stream/with-timestamps", (string voiceId, HttpRequest request, MockState state) => SpeakAsync(voiceId, request, state, Answer.TimestampStream));
        app.MapGet("/v1/voices", (HttpRequest request, MockState state) => !Authorized(request, state) ? Unauthorized() : ElevenLabsVoices.List());
        app.MapGet("/v2/voices", (HttpRequest request, MockState state) => !Authorized(request, state) ? Unauthorized() : ElevenLabsVoices.Search(request));
        app.MapGet("/v1/user", (HttpRequest request, MockState state) => !Authorized(request, state) ? Unauthorized() : Results.Json(ElevenLabsUser.Body(state.Time.GetUtcNow())));
        return app;
    }

    private enum Answer
    {
        Audio,
        Timestamps,
        AudioStream,
        TimestampStream,
    }

    private static async Task<IResult> SpeakAsync(string voiceId, HttpRequest request, MockState state, Answer answer)
    {
        if (!Authorized(request, state))
        {
            return Unauthorized();
        }
        if (ElevenLabsVoices.Find(voiceId) is not { } voice)
        {
            return MockRequests.Error(ErrorBodies.ElevenLabs("voice_not_found", "A voice with the voice_id " + voiceId + " was not found."), 404);
        }
        if (AudioFormat.ParseElevenLabs(request.Query["output_format"].ToString(), out var formatError) is not { } format)
        {
            return ElevenLabsVoices.Invalid("output_format", formatError!);
        }
        var body = await MockRequests.JsonBodyAsync(request);
        var text = body is null ? null : JsonFields.Text(body, "text");
        if (string.IsNullOrWhiteSpace(text))
        {
            return MockRequests.Error(ErrorBodies.ElevenLabs("invalid_text", "text is required"), 422);
        }
        var speed = (body!["voice_settings"] as JsonObject)?["speed"] is JsonValue s && s.TryGetValue<double>(out var value) ? value : 1.0;
        SpeechClip clip;
        byte[] audio;
        try
        {
            clip = await Task.Run(() => state.Media.Speak(text, voice.ESpeak, null, speed));
            audio = await Task.Run(() => state.Media.Encoded(clip, format));
        }
        catch (Exception ex) when (ex is VoiceEngineException or UsageException)
        {
            return MockRequests.Error(ErrorBodies.ElevenLabs("tts_failed", System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(ex.Message)), 500);
        }
        switch (answer)
        {
            case Answer.Audio:
                return Results.Bytes(audio, format.MediaType);
            case Answer.AudioStream:
                return Results.Stream(async stream =>
                {
                    foreach (var (offset, count, _, _) in Chunks(audio.Length, clip.DurationSeconds, format))
                    {
                        await stream.WriteAsync(audio.AsMemory(offset, count), request.HttpContext.RequestAborted);
                        await stream.FlushAsync(request.HttpContext.RequestAborted);
                    }
                }, format.MediaType);
        }
        var alignment = ElevenLabsAlignment.Of(text, clip.Words, clip.DurationSeconds);
        if (answer == Answer.Timestamps)
        {
            return Results.Json(new JsonObject
            {
                ["audio_base64"] = Convert.ToBase64String(audio),
                ["alignment"] = alignment,
                ["normalized_alignment"] = alignment.DeepClone(),
            });
        }
        // The SDK reads this stream as JSON objects, one per line ("\n" terminates each message).
        return Results.Stream(async stream =>
        {
            var chunks = Chunks(audio.Length, clip.DurationSeconds, format).ToList();
            for (var i = 0; i < chunks.Count; i++)
            {
                var (offset, count, from, to) = chunks[i];
                var piece = ElevenLabsAlignment.Slice(alignment, from, to, last: i == chunks.Count - 1);
                var line = new JsonObject
                {
                    ["audio_base64"] = Convert.ToBase64String(audio, offset, count),
                    ["alignment"] = piece,
                    ["normalized_alignment"] = piece.DeepClone(),
                }.ToJsonString() + "\n";
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line), request.HttpContext.RequestAborted);
                await stream.FlushAsync(request.HttpContext.RequestAborted);
            }
        }, "application/json");
    }

    /// <summary>Cuts the audio into pieces of about half a second (whole samples for PCM), each with the time span it covers.</summary>
    private static IEnumerable<(int Offset, int Count, double From, double To)> Chunks(int length, double duration, AudioFormat format)
    {
        var pieces = Math.Max(1, (int)Math.Ceiling(duration / 0.5));
        var align = format.Codec == "pcm" ? 2 : 1;
        var previous = 0;
        for (var i = 1; i <= pieces; i++)
        {
            var end = i == pieces ? length : (int)((long)length * i / pieces) / align * align;
            if (end > previous)
            {
                yield return (previous, end - previous, duration * (i - 1) / pieces, duration * i / pieces);
            }
            previous = end;
        }
    }

    private static bool Authorized(HttpRequest request, MockState state) =>
        request.Headers["xi-api-key"].ToString() is { Length: > 0 } key && state.Options.ElevenLabsKeys.Contains(key);

    private static IResult Unauthorized() => MockRequests.Error(ErrorBodies.For("/v1/user", 401), 401);
}

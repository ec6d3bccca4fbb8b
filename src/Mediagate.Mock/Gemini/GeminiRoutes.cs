using System.Text.Json.Nodes;
using Mediagate.Local.Music;
using Mediagate.Local.Voice;
using Mediagate.Mock.Faults;
using Mediagate.Mock.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Mock.Gemini;

/// <summary>
/// Gemini <c>POST /{v1,v1beta}/models/{model}:generateContent</c> and <c>:streamGenerateContent</c> (<c>x-goog-api-key</c> or
/// <c>?key=</c>): an image description for text plus <c>inline_data</c>; for <c>lyria-3-clip-preview</c> a 30 s MP3 part from the
/// local composer plus a text part; for a <c>…-tts</c> model asked for AUDIO, 24 kHz PCM from eSpeak NG.
/// </summary>
internal static class GeminiRoutes
{
    /// <remarks>@google/genai 3.x calls <c>v1</c> by default; older clients and Mediagate call <c>v1beta</c>.</remarks>
    private static readonly string[] Versions = ["v1", "v1beta"];

    public static IEndpointRouteBuilder MapGemini(this IEndpointRouteBuilder app)
    {
        foreach (var version in Versions)
        {
            app.MapPost($"/{version}/models/{{model}}:generateContent", (string model, HttpRequest request, MockState state) =>
                GenerateAsync(version, model, request, state, stream: false));
            app.MapPost($"/{version}/models/{{model}}:streamGenerateContent", (string model, HttpRequest request, MockState state) =>
                GenerateAsync(version, model, request, state, stream: true));
        }
        return app;
    }

    private static async Task<IResult> GenerateAsync(string version, string model, HttpRequest request, MockState state, bool stream)
    {
        var key = request.Headers["x-goog-api-key"].ToString() is { Length: > 0 } header ? header : request.Query["key"].ToString();
        if (!state.Options.GeminiKeys.Contains(key))
        {
            return MockRequests.Error(ErrorBodies.GoogleBadKey(), 400);
        }
        if (!model.StartsWith("gemini-", StringComparison.OrdinalIgnoreCase) && !model.StartsWith("lyria-", StringComparison.OrdinalIgnoreCase))
        {
            var method = stream ? "streamGenerateContent" : "generateContent";
            return MockRequests.Error(ErrorBodies.Google(404, $"models/{Escape(model)} is not found for API version {version}, or is not supported for {method}. Call ListModels to see the list of available models and their supported methods.", "NOT_FOUND"), 404);
        }
        var body = await MockRequests.JsonBodyAsync(request);
        var parts = (body?["contents"] as JsonArray)
            ?.OfType<JsonObject>().SelectMany(c => (c["parts"] as JsonArray)?.OfType<JsonObject>() ?? []).ToList();
        if (parts is null || parts.Count == 0)
        {
            return Invalid("contents must hold at least one part");
        }
        var prompt = string.Join(" ", parts.Select(p => p["text"]?.ToString()).Where(t => !string.IsNullOrWhiteSpace(t)));
        var promptTokens = prompt.Length / 4 + 1;
        var config = GeminiSpeech.Field(body, "generationConfig", "generation_config");
        var audio = (GeminiSpeech.Field(config, "responseModalities", "response_modalities") as JsonArray)
            ?.Any(m => string.Equals(m?.ToString(), "AUDIO", StringComparison.OrdinalIgnoreCase)) == true;
        GeminiResponse answer;
        if (GeminiSpeech.IsSpeechModel(model) || audio)
        {
            if (!GeminiSpeech.IsSpeechModel(model) || !audio)
            {
                return Invalid(audio
                    ? $"Model {Escape(model)} does not support the requested response modalities: audio"
                    : "The requested combination of response modalities (TEXT) is not supported by the model.");
            }
            if (prompt.Length == 0)
            {
                return Invalid("a text part to speak is required");
            }
            var speech = GeminiSpeech.Field(config, "speechConfig", "speech_config") as JsonObject;
            var voice = GeminiSpeech.VoiceName(speech);
            if (!GeminiSpeech.VoiceNames.Contains(voice, StringComparer.OrdinalIgnoreCase))
            {
                return Invalid($"Voice name {Escape(voice)} is not supported. Allowed voice names are: {string.Join(", ", GeminiSpeech.VoiceNames.Select(v => v.ToLowerInvariant()))}");
            }
            byte[] pcm;
            double seconds;
            try
            {
                (pcm, seconds) = await Task.Run(() => GeminiSpeech.Speak(state, prompt, voice, GeminiSpeech.Field(speech, "languageCode", "language_code")?.ToString()));
            }
            catch (Exception ex) when (ex is VoiceEngineException or UnknownVoiceException or UsageException)
            {
                return MockRequests.Error(ErrorBodies.Google(ex is VoiceEngineException ? 500 : 400, Escape(ex.Message), ex is VoiceEngineException ? "INTERNAL" : "INVALID_ARGUMENT"), ex is VoiceEngineException ? 500 : 400);
            }
            // About a second of PCM per streamed chunk; 32 tokens per second of audio.
            var second = AudioFormat.GeminiPcm.SampleRate * 2;
            var chunks = Enumerable.Range(0, Math.Max(1, (pcm.Length + second - 1) / second))
                .Select(i => new JsonArray(new JsonObject
                {
                    ["inlineData"] = new JsonObject
                    {
                        ["mimeType"] = GeminiSpeech.MimeType,
                        ["data"] = Convert.ToBase64String(pcm, i * second, Math.Min(second, pcm.Length - i * second)),
                    },
                }))
                .ToList();
            answer = new GeminiResponse(model, chunks, promptTokens, (int)Math.Ceiling(seconds * 32), "AUDIO");
        }
        else if (model.StartsWith("lyria", StringComparison.OrdinalIgnoreCase))
        {
            if (prompt.Length == 0)
            {
                return Invalid("a text prompt is required");
            }
            var mp3 = await Task.Run(() => MockMedia.ComposeMp3(prompt, 30));
            var style = StyleParser.Parse(prompt, seed: 1);
            answer = new GeminiResponse(model,
            [
                new JsonArray(new JsonObject { ["text"] = $"[Instrumental] {style.Mood}, {style.Bpm} BPM, {(style.Minor ? "minor" : "major")} key, 30 seconds." }),
                new JsonArray(new JsonObject { ["inlineData"] = new JsonObject { ["mimeType"] = "audio/mpeg", ["data"] = Convert.ToBase64String(mp3) } }),
            ], promptTokens, 30 * 32, "AUDIO");
        }
        else
        {
            var image = parts.Select(p => p["inline_data"] ?? p["inlineData"]).OfType<JsonObject>().FirstOrDefault();
            string sentence;
            if (image?["data"]?.ToString() is { } data)
            {
                byte[] bytes;
                try
                {
                    bytes = Convert.FromBase64String(data);
                }
                catch (FormatException)
                {
                    return Invalid("inline_data.data is not base64");
                }
                sentence = ImageFacts.Describe(bytes) ?? "An image in a format the model could not read.";
                promptTokens += 258;
            }
            else
            {
                sentence = prompt.Length == 0 ? "(no prompt)" : $"You asked: {prompt}";
            }
            answer = new GeminiResponse(model, [.. Pieces(sentence).Select(p => new JsonArray(new JsonObject { ["text"] = p }))], promptTokens, sentence.Length / 4 + 1, "TEXT");
        }
        return stream ? answer.Stream(request, sse: request.Query["alt"] == "sse") : answer.Single();
    }

    /// <summary>A sentence cut in up to three pieces at word boundaries, as a stream delivers it.</summary>
    private static IEnumerable<string> Pieces(string sentence)
    {
        var words = sentence.Split(' ');
        var size = Math.Max(1, (words.Length + 2) / 3);
        for (var i = 0; i < words.Length; i += size)
        {
            yield return string.Join(' ', words.Skip(i).Take(size)) + (i + size < words.Length ? " " : "");
        }
    }

    private static IResult Invalid(string message) => MockRequests.Error(ErrorBodies.Google(400, message, "INVALID_ARGUMENT"), 400);

    private static string Escape(string text) => System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(text);
}

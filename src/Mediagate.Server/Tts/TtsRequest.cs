using System.Text.Json.Nodes;
using Mediagate.Server.Api;

namespace Mediagate.Server.Tts;

/// <summary>The body of <c>POST /v1/heygen/tts/create</c>, validated by the useapi.net rules.</summary>
internal sealed record TtsRequest
{
    public const int MaxPrompt = 5000;

    public static readonly IReadOnlyList<string> Engines =
        ["auto", "aws", "azure", "elevenLabs", "elevenLabsV3", "fish", "google", "openai", "openaiEmo", "panda", "starfish"];

    public required string VoiceId { get; init; }

    public required string Prompt { get; init; }

    public double Speed { get; init; } = 100;

    public double Pitch { get; init; }

    public double Volume { get; init; } = 100;

    public string? LanguageCode { get; init; }

    public string? Emotion { get; init; }

    public string? Engine { get; init; }

    public string? Email { get; init; }

    public bool Async { get; init; }

    public string? ReplyUrl { get; init; }

    public string? ReplyRef { get; init; }

    /// <exception cref="ApiException">400 naming the field and its rule.</exception>
    public static TtsRequest Parse(JsonObject fields)
    {
        var replyUrl = Fields.Text(fields, "replyUrl", int.MaxValue);
        if (replyUrl is { Length: > 1024 })
        {
            throw ApiException.BadRequest("replyUrl is too long");
        }
        if (replyUrl is not null && (!Uri.TryCreate(replyUrl, UriKind.Absolute, out var reply) || reply.Scheme is not ("http" or "https")))
        {
            throw ApiException.BadRequest($"replyUrl must be an absolute http(s) URL (got '{replyUrl}')");
        }
        var engine = Fields.Text(fields, "engine", 64);
        if (engine is not null && !Engines.Contains(engine, StringComparer.Ordinal))
        {
            throw ApiException.BadRequest($"engine must be one of {string.Join(", ", Engines)} (got '{engine}')");
        }
        return new TtsRequest
        {
            VoiceId = Fields.RequiredText(fields, "voice_id", 200).Trim(),
            Prompt = Fields.Text(fields, "prompt", int.MaxValue) is { } prompt && !string.IsNullOrWhiteSpace(prompt)
                ? prompt.Length <= MaxPrompt ? prompt : throw ApiException.BadRequest($"prompt must be at most {MaxPrompt} characters (got {prompt.Length})")
                : throw ApiException.BadRequest("prompt is required"),
            Speed = Fields.Decimal(fields, "speed", 50, 150) ?? 100,
            Pitch = Fields.Decimal(fields, "pitch", -100, 100) ?? 0,
            Volume = Fields.Decimal(fields, "volume", 0, 100) ?? 100,
            LanguageCode = Fields.Text(fields, "language_code", 32)?.Trim(),
            Emotion = Fields.Text(fields, "emotion", 64)?.Trim(),
            Engine = engine,
            Email = Fields.Text(fields, "email", 320)?.Trim(),
            Async = Fields.Flag(fields, "async"),
            ReplyUrl = replyUrl,
            ReplyRef = Fields.Text(fields, "replyRef", 1024),
        };
    }

    /// <summary>The request as stored with its job and shown by <c>GET /jobs</c>.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["voice_id"] = VoiceId, ["prompt"] = Prompt, ["speed"] = Speed, ["pitch"] = Pitch, ["volume"] = Volume };
        void Optional(string name, string? value)
        {
            if (value is not null)
            {
                json[name] = value;
            }
        }
        Optional("language_code", LanguageCode);
        Optional("emotion", Emotion);
        Optional("engine", Engine);
        Optional("email", Email);
        if (Async)
        {
            json["async"] = true;
        }
        Optional("replyUrl", ReplyUrl);
        Optional("replyRef", ReplyRef);
        return json;
    }
}

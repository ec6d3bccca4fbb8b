using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Captions;
using Mediagate.Http;

namespace Mediagate.Providers.ElevenLabs;

/// <summary>
/// ElevenLabs: speech with character timings (<c>POST /v1/text-to-speech/{voice}/with-timestamps</c>), plain speech, the
/// voice list and the user's quota. The character alignment becomes word timings directly, so no speech recogniser is needed.
/// </summary>
public sealed class ElevenLabsClient : KeyedProviderClient
{
    /// <summary>The peer's default voice, Rachel.</summary>
    public const string DefaultVoiceId = "21m00Tcm4TlvDq8ikWAM";

    /// <summary>The peer's model.</summary>
    public const string DefaultModel = "eleven_multilingual_v2";

    /// <summary>The peer's output format.</summary>
    public const string DefaultFormat = "mp3_44100_128";

    /// <summary>Creates the client for a key and a base URL such as <c>https://api.elevenlabs.io/</c>.</summary>
    public ElevenLabsClient(HttpClient http, Uri baseUrl, string apiKey, RetryPolicy? policy = null, TimeProvider? time = null)
        : base(http, "ElevenLabs", baseUrl, apiKey, policy, time)
    {
    }

    /// <summary>Speaks <paramref name="text"/> and returns the MP3 and every word's timing from the character alignment.</summary>
    /// <param name="text">What to say.</param>
    /// <param name="voiceId">A voice id.</param>
    /// <param name="speed">The speed, sent as <c>voice_settings.speed</c> clamped to ElevenLabs' 0.7–1.2.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public async Task<ElevenLabsSpeech> SpeakWithTimestampsAsync(string text, string voiceId, double speed, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["text"] = text,
            ["model_id"] = DefaultModel,
            ["voice_settings"] = new JsonObject { ["speed"] = Math.Clamp(speed, 0.7, 1.2) },
        };
        var root = await PostJsonAsync($"v1/text-to-speech/{Uri.EscapeDataString(voiceId)}/with-timestamps?output_format={DefaultFormat}", body,
            "xi-api-key", Key, cancellationToken, ProviderHttp.AudioLimit).ConfigureAwait(false);
        if (JsonFields.Text(root, "audio_base64") is not { } base64)
        {
            throw Http.BadResponse("the answer has no audio_base64");
        }
        byte[] audio;
        try
        {
            audio = Convert.FromBase64String(base64);
        }
        catch (FormatException ex)
        {
            throw Http.BadResponse("audio_base64 is not base64", ex);
        }
        var alignment = root["alignment"] as JsonObject ?? root["normalized_alignment"] as JsonObject;
        return new ElevenLabsSpeech(audio, alignment is null ? [] : WordsFromAlignment(text, alignment));
    }

    /// <summary>Lists the voices on the account (<c>GET /v1/voices</c>).</summary>
    public async Task<IReadOnlyList<ElevenLabsVoice>> ListVoicesAsync(CancellationToken cancellationToken)
    {
        var root = await GetAsync("v1/voices", cancellationToken).ConfigureAwait(false);
        if (root["voices"] is not JsonArray voices)
        {
            throw Http.BadResponse("the answer has no voices array");
        }
        return voices.OfType<JsonObject>()
            .Where(v => JsonFields.Text(v, "voice_id") is not null)
            .Select(v =>
            {
                var labels = v["labels"] as JsonObject;
                return new ElevenLabsVoice(JsonFields.Text(v, "voice_id")!, JsonFields.Text(v, "name") ?? "", JsonFields.Text(v, "category"),
                    labels is null ? null : JsonFields.Text(labels, "language") ?? JsonFields.Text(labels, "accent"),
                    labels is null ? null : JsonFields.Text(labels, "gender"));
            })
            .ToList();
    }

    /// <summary>The account's tier and character quota (<c>GET /v1/user</c>).</summary>
    public async Task<ElevenLabsUser> GetUserAsync(CancellationToken cancellationToken)
    {
        var root = await GetAsync("v1/user", cancellationToken).ConfigureAwait(false);
        var subscription = root["subscription"] as JsonObject;
        return new ElevenLabsUser(
            subscription is null ? null : JsonFields.Text(subscription, "tier"),
            subscription is null ? null : (long?)JsonFields.Decimal(subscription, "character_count"),
            subscription is null ? null : (long?)JsonFields.Decimal(subscription, "character_limit"));
    }

    /// <summary>
    /// Turns a character alignment into words: runs of non-space characters, each from its first character's start to its last
    /// character's end. When the runs match the text's words one for one, the text's spelling is kept.
    /// </summary>
    public static IReadOnlyList<Word> WordsFromAlignment(string text, JsonObject alignment)
    {
        var characters = (alignment["characters"] as JsonArray)?.Select(c => c?.GetValue<string>() ?? string.Empty).ToArray() ?? [];
        var starts = Numbers(alignment["character_start_times_seconds"] as JsonArray);
        var ends = Numbers(alignment["character_end_times_seconds"] as JsonArray);
        var count = Math.Min(characters.Length, Math.Min(starts.Length, ends.Length));
        var runs = new List<(string Text, double Start, double End)>();
        var current = new System.Text.StringBuilder();
        double runStart = 0, runEnd = 0;
        for (var i = 0; i <= count; i++)
        {
            var isBreak = i == count || string.IsNullOrWhiteSpace(characters[i]);
            if (isBreak)
            {
                if (current.Length > 0)
                {
                    runs.Add((current.ToString(), runStart, runEnd));
                    current.Clear();
                }
                continue;
            }
            if (current.Length == 0)
            {
                runStart = starts[i];
            }
            current.Append(characters[i]);
            runEnd = Math.Max(ends[i], runStart);
        }
        var original = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var words = new List<Word>(runs.Count);
        var last = 0.0;
        for (var i = 0; i < runs.Count; i++)
        {
            var start = Math.Max(runs[i].Start, last);
            var end = Math.Max(runs[i].End, start);
            last = end;
            words.Add(new Word("w" + i.ToString(CultureInfo.InvariantCulture), original.Length == runs.Count ? original[i] : runs[i].Text, start, end));
        }
        return words;
    }

    private static double[] Numbers(JsonArray? array) =>
        array?.Select(n => n is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0).ToArray() ?? [];

    private Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken) =>
        Http.SendJsonAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, path));
            request.Headers.TryAddWithoutValidation("xi-api-key", Key);
            return request;
        }, [Key], cancellationToken);
}

/// <summary>ElevenLabs speech: the MP3 bytes and the words.</summary>
public sealed record ElevenLabsSpeech(byte[] Audio, IReadOnlyList<Word> Words);

/// <summary>An ElevenLabs voice.</summary>
public sealed record ElevenLabsVoice(string VoiceId, string Name, string? Category, string? Language, string? Gender);

/// <summary>The account's tier and character quota.</summary>
public sealed record ElevenLabsUser(string? Tier, long? CharacterCount, long? CharacterLimit);

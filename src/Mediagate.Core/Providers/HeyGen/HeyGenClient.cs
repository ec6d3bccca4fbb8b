using System.Globalization;
using System.Text.Json.Nodes;
using Mediagate.Captions;
using Mediagate.Credentials;
using Mediagate.Http;

namespace Mediagate.Providers.HeyGen;

/// <summary>
/// HeyGen's media API: Starfish speech (<c>POST /v3/voices/speech</c>), the voice list (<c>GET /v3/voices</c>), the music and
/// sound-effect library (<c>GET /v3/audio/sounds</c>), and the download of the presigned audio they point at.
/// </summary>
public sealed class HeyGenClient
{
    /// <summary>The peer's default voice: English "Marcia".</summary>
    public const string DefaultVoiceId = "05f19352e8f74b0392a8f411eba40de1";

    private readonly ProviderHttp _http;
    private readonly Uri _baseUrl;

    /// <summary>Creates the client for a base URL such as <c>https://api.heygen.com/</c>.</summary>
    public HeyGenClient(HttpClient http, Uri baseUrl, RetryPolicy? policy = null, TimeProvider? time = null)
    {
        _http = new ProviderHttp(http, "HeyGen", policy, time);
        _baseUrl = baseUrl;
    }

    /// <summary>Synthesises speech and returns where the MP3 is and every word's timing, sentinels dropped and ids renumbered <c>w0…</c>.</summary>
    /// <param name="credential">The key or token.</param>
    /// <param name="text">What to say.</param>
    /// <param name="voiceId">A Starfish voice id.</param>
    /// <param name="speed">The speed multiplier.</param>
    /// <param name="language">A language code; sent only when it is not English, as the peer does.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public async Task<HeyGenSpeech> SpeakAsync(HeyGenCredential credential, string text, string voiceId, double speed, string? language, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["text"] = text, ["voice_id"] = voiceId, ["speed"] = speed };
        if (!IsEnglish(language))
        {
            body["language"] = language;
        }
        var root = await SendAsync(credential, HttpMethod.Post, "v3/voices/speech", body, cancellationToken).ConfigureAwait(false);
        var data = root["data"] as JsonObject ?? root;
        if (JsonFields.Text(data, "audio_url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var audio))
        {
            throw _http.BadResponse("the speech answer has no data.audio_url");
        }
        return new HeyGenSpeech(audio, Words(data["word_timestamps"] as JsonArray), JsonFields.Double(data, "duration"));
    }

    /// <summary>Lists the public Starfish voices (<c>GET /v3/voices?engine=starfish&amp;type=public&amp;limit=N</c>).</summary>
    public async Task<IReadOnlyList<HeyGenVoice>> ListVoicesAsync(HeyGenCredential credential, int limit, CancellationToken cancellationToken)
    {
        var root = await SendAsync(credential, HttpMethod.Get, $"v3/voices?engine=starfish&type=public&limit={limit.ToString(CultureInfo.InvariantCulture)}", null, cancellationToken).ConfigureAwait(false);
        var list = root["data"] switch
        {
            JsonArray array => array,
            JsonObject wrapped => wrapped["voices"] as JsonArray,
            _ => null,
        } ?? throw _http.BadResponse("the voice list has no data array");
        return list.OfType<JsonObject>()
            .Where(v => JsonFields.Text(v, "voice_id") is not null)
            .Select(v => new HeyGenVoice(JsonFields.Text(v, "voice_id")!, JsonFields.Text(v, "name") ?? "", HeyGenLanguages.CodeOf(JsonFields.Text(v, "language")), JsonFields.Text(v, "gender")))
            .ToList();
    }

    /// <summary>Searches the sound library; ranked best first. Reads both the array form and the older object keyed by index.</summary>
    public async Task<IReadOnlyList<HeyGenSound>> SearchSoundsAsync(HeyGenCredential credential, SoundSearch search, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(search.Query))
        {
            throw new ArgumentException("the sound search needs a query", nameof(search));
        }
        var query = $"v3/audio/sounds?query={Uri.EscapeDataString(search.Query)}&type={(search.Kind == SoundKind.Music ? "music" : "sound_effects")}&limit={search.Limit.ToString(CultureInfo.InvariantCulture)}";
        if (search.MinScore is { } min)
        {
            query += "&min_score=" + min.ToString("0.###", CultureInfo.InvariantCulture);
        }
        var root = await SendAsync(credential, HttpMethod.Get, query, null, cancellationToken).ConfigureAwait(false);
        IEnumerable<JsonObject> items = root["data"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject keyed => keyed
                .Select(pair => (Index: int.TryParse(pair.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue, Item: pair.Value as JsonObject))
                .Where(p => p.Item is not null)
                .OrderBy(p => p.Index)
                .Select(p => p.Item!),
            _ => throw _http.BadResponse("the sound search answer has no data"),
        };
        var sounds = new List<HeyGenSound>();
        foreach (var item in items)
        {
            if (JsonFields.Text(item, "audio_url") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var audio))
            {
                sounds.Add(new HeyGenSound(
                    JsonFields.Text(item, "id", numbersAsText: true) ?? url,
                    JsonFields.Text(item, "name") ?? "",
                    JsonFields.Text(item, "description") ?? "",
                    JsonFields.Double(item, "duration"),
                    JsonFields.Double(item, "score") ?? 0,
                    audio));
            }
        }
        return sounds;
    }

    /// <summary>Downloads presigned audio. No credential is sent: the URL carries its own signature.</summary>
    public async Task<ArraySegment<byte>> DownloadAsync(Uri audioUrl, CancellationToken cancellationToken)
    {
        var response = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, audioUrl), [audioUrl.Query], cancellationToken, ProviderHttp.AudioLimit).ConfigureAwait(false);
        if (response.Body.Count == 0)
        {
            throw _http.BadResponse("the audio download is empty");
        }
        return response.Body;
    }

    /// <summary>True for no language or an English one: HeyGen's default, for which the peer sends no <c>language</c>.</summary>
    public static bool IsEnglish([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] string? language) =>
        string.IsNullOrEmpty(language) || language.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>Turns <c>word_timestamps</c> into words: the <c>&lt;start&gt;</c>/<c>&lt;end&gt;</c> sentinels dropped, ids renumbered.</summary>
    public static IReadOnlyList<Word> Words(JsonArray? timestamps)
    {
        var words = new List<Word>();
        foreach (var item in timestamps?.OfType<JsonObject>() ?? [])
        {
            var text = JsonFields.Text(item, "word")?.Trim();
            if (text is null or "<start>" or "<end>" || JsonFields.Double(item, "start") is not { } start || JsonFields.Double(item, "end") is not { } end)
            {
                continue;
            }
            words.Add(new Word("w" + words.Count.ToString(CultureInfo.InvariantCulture), text, start, Math.Max(start, end)));
        }
        return words;
    }

    private Task<JsonObject> SendAsync(HeyGenCredential credential, HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken) =>
        _http.SendJsonAsync(() =>
        {
            var request = new HttpRequestMessage(method, new Uri(_baseUrl, path));
            HeyGenApi.Authorize(request, credential);
            if (body is not null)
            {
                request.Content = ProviderHttp.JsonContent(body);
            }
            return request;
        }, [credential.Secret], cancellationToken);
}

/// <summary>A speech answer: where the MP3 is, the words, and the duration HeyGen reported.</summary>
public sealed record HeyGenSpeech(Uri AudioUrl, IReadOnlyList<Word> Words, double? DurationSeconds);

/// <summary>A Starfish voice.</summary>
public sealed record HeyGenVoice(string VoiceId, string Name, string? Language, string? Gender);

/// <summary>Music or sound effects.</summary>
public enum SoundKind
{
    /// <summary>Background music (<c>type=music</c>).</summary>
    Music,

    /// <summary>Sound effects (<c>type=sound_effects</c>).</summary>
    SoundEffect,
}

/// <summary>A library search. <see cref="ForMusic"/> and <see cref="ForEffect"/> give the peer's defaults.</summary>
public sealed record SoundSearch(string Query, SoundKind Kind, int Limit, double? MinScore)
{
    /// <summary>The peer's music search: <c>limit=5</c>, the server's default minimum score.</summary>
    public static SoundSearch ForMusic(string query) => new(query, SoundKind.Music, 5, null);

    /// <summary>The peer's sound-effect search: <c>limit=3</c>, <c>min_score=0.4</c>.</summary>
    public static SoundSearch ForEffect(string query) => new(query, SoundKind.SoundEffect, 3, 0.4);
}

/// <summary>A library hit.</summary>
public sealed record HeyGenSound(string Id, string Name, string Description, double? DurationSeconds, double Score, Uri AudioUrl);

using System.Text.Json;

namespace Mediagate.Local.Kokoro;

/// <summary>Kokoro's phoneme vocabulary: one id per symbol (punctuation, letters, IPA, stress and length marks); 0 is the pad.</summary>
/// <remarks>
/// The default is the <c>vocab</c> map of Kokoro-82M v1.0's <c>config.json</c> (114 symbols). An export that carries its own
/// map in the model's custom metadata (<c>kokoro_config</c>) replaces it, through <see cref="FromConfigJson"/>.
/// </remarks>
public sealed class KokoroVocabulary
{
    /// <summary>The pad token that opens and closes every chunk.</summary>
    public const long Pad = 0;

    // Symbol and id pairs of Kokoro-82M v1.0's config.json, as data (U+0303 is the combining tilde).
    private const string V1Symbols = ";:,.!?—…\"()“” \u0303ʣʥʦʨᵝꭧAIOQSTWYᵊabcdefhijklmnopqrstuvwxyzɑɐɒæβɔɕçɖðʤəɚɛɜɟɡɥɨɪʝɯɰŋɳɲɴøɸθœɹɾɻʁɽʂʃʈʧʊʋʌɣɤχʎʒʔˈˌːʰʲ↓→↗↘ᵻ";

    private static readonly int[] V1Ids =
    [
        1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 31, 33, 35, 36, 39, 41, 42,
        43, 44, 45, 46, 47, 48, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68,
        69, 70, 71, 72, 75, 76, 77, 78, 80, 81, 82, 83, 85, 86, 87, 90, 92, 99, 101, 102, 103, 110, 111, 112, 113, 114, 115, 116,
        118, 119, 120, 123, 125, 126, 128, 129, 130, 131, 132, 133, 135, 136, 138, 139, 140, 142, 143, 147, 148,
        156, 157, 158, 162, 164, 169, 171, 172, 173, 177,
    ];

    private readonly Dictionary<char, long> _ids;

    private KokoroVocabulary(Dictionary<char, long> ids) => _ids = ids;

    /// <summary>Kokoro-82M v1.0's vocabulary.</summary>
    public static KokoroVocabulary V1 { get; } = new(Enumerable.Range(0, V1Symbols.Length).ToDictionary(i => V1Symbols[i], i => (long)V1Ids[i]));

    /// <summary>The number of symbols.</summary>
    public int Count => _ids.Count;

    /// <summary>The vocabulary in a model config's JSON (<c>{"vocab": {"a": 43, …}}</c>), or null when it has none.</summary>
    /// <exception cref="JsonException">The JSON is malformed.</exception>
    public static KokoroVocabulary? FromConfigJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var ids = new Dictionary<char, long>();
        foreach (var entry in vocab.EnumerateObject())
        {
            if (entry.Name.Length == 1 && entry.Value.TryGetInt64(out var id))
            {
                ids[entry.Name[0]] = id;
            }
        }
        return ids.Count == 0 ? null : new KokoroVocabulary(ids);
    }

    /// <summary>The id of <paramref name="symbol"/>, or false when it is not in the vocabulary (and is dropped).</summary>
    public bool TryGetId(char symbol, out long id) => _ids.TryGetValue(symbol, out id);
}

using System.Buffers.Binary;
using System.Globalization;
using Mediagate.Audio;

namespace Mediagate.Providers.Gemini;

/// <summary>What Gemini TTS offers, as the peer's <c>gemini-tts.mjs</c> names it: its models, its default voice, and its prebuilt voices.</summary>
public static class GeminiTts
{
    /// <summary>The peer's default model.</summary>
    public const string DefaultModel = "gemini-3.8-flash-tts";

    /// <summary>The peer's default voice.</summary>
    public const string DefaultVoice = "Kore";

    /// <summary>The models the peer accepts, in its order; any other is refused.</summary>
    public static readonly IReadOnlyList<string> Models =
        ["gemini-3.8-flash-tts", "gemini-3.8-flash-lite-tts", "gemini-3.1-flash-tts-preview", "gemini-2.5-pro-preview-tts", "gemini-2.5-flash-preview-tts"];

    /// <summary>Gemini's prebuilt voices, each with the character Google gives it.</summary>
    public static readonly IReadOnlyList<(string Name, string Character)> Voices =
    [
        ("Zephyr", "bright"), ("Puck", "upbeat"), ("Charon", "informative"), ("Kore", "firm"), ("Fenrir", "excitable"),
        ("Leda", "youthful"), ("Orus", "firm"), ("Aoede", "breezy"), ("Callirrhoe", "easy-going"), ("Autonoe", "bright"),
        ("Enceladus", "breathy"), ("Iapetus", "clear"), ("Umbriel", "easy-going"), ("Algieba", "smooth"), ("Despina", "smooth"),
        ("Erinome", "clear"), ("Algenib", "gravelly"), ("Rasalgethi", "informative"), ("Laomedeia", "upbeat"), ("Achernar", "soft"),
        ("Alnilam", "firm"), ("Schedar", "even"), ("Gacrux", "mature"), ("Pulcherrima", "forward"), ("Achird", "friendly"),
        ("Zubenelgenubi", "casual"), ("Vindemiatrix", "gentle"), ("Sadachbia", "lively"), ("Sadaltager", "knowledgeable"), ("Sulafat", "warm"),
    ];

    /// <summary>Why a model name is refused, or null for one of <see cref="Models"/>.</summary>
    public static string? ModelProblem(string model) => Models.Contains(model)
        ? null
        : $"unknown Gemini TTS model \"{model}\"; use one of {string.Join(", ", Models)}";

    /// <summary>The text as sent: a style goes before it in words, as the peer does for models without style annotations.</summary>
    public static string Prompt(string text, string? style) =>
        string.IsNullOrWhiteSpace(style) ? text : $"Read the following text with this delivery: {style.Trim()}\n\n{text}";

    /// <summary>Decodes the audio part to mono at <paramref name="sampleRate"/>: raw 16-bit little-endian PCM (<c>audio/L16;…;rate=N</c>), or WAV.</summary>
    /// <exception cref="WavFormatException">The part is neither, or holds no audio.</exception>
    public static float[] Decode(byte[] bytes, string mimeType, int sampleRate)
    {
        if (!mimeType.StartsWith("audio/L16", StringComparison.OrdinalIgnoreCase) && !mimeType.Contains("pcm", StringComparison.OrdinalIgnoreCase))
        {
            return AudioDecode.ToMono(bytes, sampleRate);
        }
        var rate = 24000;
        foreach (var parameter in mimeType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("rate=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(parameter[5..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) && r is >= 8000 and <= 192000)
            {
                rate = r;
            }
        }
        if (bytes.Length < 2)
        {
            throw new WavFormatException($"the {mimeType} part holds no samples");
        }
        var samples = new float[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2)) / 32768f;
        }
        return rate == sampleRate ? samples : Resampler.Convert(samples, rate, sampleRate);
    }
}

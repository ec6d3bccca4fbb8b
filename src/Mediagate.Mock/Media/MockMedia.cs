using System.Collections.Concurrent;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;
using Mediagate.Captions;
using Mediagate.Local.Music;
using Mediagate.Local.Sfx;
using Mediagate.Local.Voice;

namespace Mediagate.Mock.Media;

/// <summary>
/// The mock's audio, made by Mediagate's own local engines so that answers are realistic: speech from eSpeak NG with its word
/// timings, sound effects from the bundled library, music from the composer, all encoded to MP3 (LAME) and served under
/// <c>/files/{id}</c>. Results are cached by their inputs, so repeating a request costs nothing.
/// </summary>
public sealed class MockMedia
{
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _files = new();
    private readonly ConcurrentDictionary<string, Lazy<SpeechClip>> _speech = new();
    private readonly ConcurrentDictionary<string, Lazy<RenderedSfx>> _effects = new();
    private readonly ConcurrentDictionary<(string, AudioFormat), Lazy<byte[]>> _encoded = new();
    private readonly LocalVoiceEngine _voice = new();

    /// <summary>The bytes of a served file, rendering it on first request; null when the id is unknown.</summary>
    public byte[]? File(string id) => _files.TryGetValue(id, out var file) ? file.Value : null;

    /// <summary>Registers a file rendered on first download; returns its id. The same key always gives the same id.</summary>
    public string Register(string key, Func<byte[]> render)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..20] + ".mp3";
        _files.TryAdd(id, new Lazy<byte[]>(render, LazyThreadSafetyMode.ExecutionAndPublication));
        return id;
    }

    /// <summary>Speaks text with eSpeak NG; returns the served MP3's id, its duration and the words.</summary>
    public SpeechClip Speak(string text, string? espeakVoice, string? language, double speed)
    {
        var key = $"speech|{espeakVoice}|{language}|{speed:0.###}|{text}";
        return _speech.GetOrAdd(key, k => new Lazy<SpeechClip>(() =>
        {
            using var wav = new MemoryStream();
            var result = _voice.Synthesize(new SpeechRequest(text, espeakVoice, language, Math.Clamp(speed, 0.1, 3.0)), wav, CancellationToken.None);
            wav.Position = 0;
            using var reader = WavReader.Open(wav);
            var samples = reader.ReadAll();
            var mp3 = Mp3(samples, result.SampleRate, 1);
            return new SpeechClip(Register(k, () => mp3), result.DurationSeconds, result.Words, mp3, samples, result.SampleRate);
        }, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>The clip in another encoding (an ElevenLabs <c>output_format</c>, Gemini's PCM), encoded once per format.</summary>
    public byte[] Encoded(SpeechClip clip, AudioFormat format) =>
        _encoded.GetOrAdd((clip.FileId, format), _ => new Lazy<byte[]>(() => format.Encode(clip.Samples, clip.SampleRate), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Registers a sound effect from the bundled library, rendered on first download.</summary>
    public string SoundEffect(SfxRecipe recipe) =>
        Register("sfx|" + recipe.Name, () => Mp3(Effect(recipe).Stereo, Dsp.Rate, 2));

    /// <summary>A sound effect's length in seconds.</summary>
    public double EffectSeconds(SfxRecipe recipe) => Effect(recipe).Stereo.Length / 2.0 / Dsp.Rate;

    private RenderedSfx Effect(SfxRecipe recipe) =>
        _effects.GetOrAdd(recipe.Name, _ => new Lazy<RenderedSfx>(() => SfxLibrary.Render(recipe))).Value;

    /// <summary>Registers a composed track, rendered on first download.</summary>
    public string Music(string prompt, double seconds) =>
        Register($"music|{seconds:0.###}|{prompt}", () => ComposeMp3(prompt, seconds));

    /// <summary>Composes a track now and returns its MP3 (44.1 kHz stereo, as Lyria 3 answers).</summary>
    public static byte[] ComposeMp3(string prompt, double seconds)
    {
        var track = Composer.Compose(new MusicRequest(prompt, seconds, SampleRate: 44100), LocalEngines.System);
        return Mp3(track.Stereo, track.SampleRate, 2);
    }

    /// <summary>Encodes interleaved float samples as MP3.</summary>
    public static byte[] Mp3(ReadOnlySpan<float> interleaved, int sampleRate, int channels)
    {
        using var output = new MemoryStream();
        using (var encoder = new Mp3Encoder(output, sampleRate, channels, bitrateKbps: channels == 1 ? 64 : 128))
        {
            encoder.Write(interleaved);
            encoder.Complete();
        }
        return output.ToArray();
    }
}

/// <summary>Synthesised speech: the served MP3's id, its length, the words, the MP3 itself for providers that return audio inline, and the mono samples for other encodings.</summary>
public sealed record SpeechClip(string FileId, double DurationSeconds, IReadOnlyList<Word> Words, byte[] Mp3, float[] Samples, int SampleRate);

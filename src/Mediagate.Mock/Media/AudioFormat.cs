using System.Buffers.Binary;
using System.Globalization;
using Mediagate.Audio;

namespace Mediagate.Mock.Media;

/// <summary>An encoding the mock can answer in: MP3 at a rate and bit rate, raw 16-bit little-endian mono PCM, or a WAV of it.</summary>
public sealed record AudioFormat(string Codec, int SampleRate, int Kbps = 0)
{
    /// <summary>ElevenLabs' default, and what Mediagate's own client asks for.</summary>
    public static readonly AudioFormat ElevenLabsDefault = new("mp3", 44100, 128);

    /// <summary>What Gemini's TTS models answer: 16-bit PCM, 24 kHz mono.</summary>
    public static readonly AudioFormat GeminiPcm = new("pcm", 24000);

    private static readonly int[] Mp3Rates = [22050, 24000, 44100];
    private static readonly int[] Mp3Kbps = [32, 48, 64, 96, 128, 192];
    private static readonly int[] PcmRates = [8000, 16000, 22050, 24000, 32000, 44100, 48000];

    /// <summary>The Content-Type the answer carries.</summary>
    public string MediaType => Codec switch { "mp3" => "audio/mpeg", "wav" => "audio/wav", _ => "audio/pcm" };

    /// <summary>The ElevenLabs name, e.g. <c>mp3_44100_128</c>.</summary>
    public override string ToString() => Codec == "mp3" ? $"{Codec}_{SampleRate}_{Kbps}" : $"{Codec}_{SampleRate}";

    /// <summary>Parses an ElevenLabs <c>output_format</c>; null or empty is the default. Returns null with a reason for a format the mock does not make.</summary>
    public static AudioFormat? ParseElevenLabs(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return ElevenLabsDefault;
        }
        var parts = text.Split('_');
        if (parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rate))
        {
            if (parts[0] == "mp3" && parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var kbps)
                && Mp3Rates.Contains(rate) && Mp3Kbps.Contains(kbps))
            {
                return new AudioFormat("mp3", rate, kbps);
            }
            if (parts[0] is "pcm" or "wav" && parts.Length == 2 && PcmRates.Contains(rate))
            {
                return new AudioFormat(parts[0], rate);
            }
        }
        error = $"output_format '{text}' is not one the mock makes; use mp3_<22050|24000|44100>_<32|48|64|96|128|192>, pcm_<rate> or wav_<rate> with rate {string.Join("|", PcmRates)}";
        return null;
    }

    /// <summary>Encodes mono samples at <paramref name="inputRate"/> in this format.</summary>
    public byte[] Encode(ReadOnlySpan<float> mono, int inputRate)
    {
        var samples = inputRate == SampleRate ? mono.ToArray() : Resampler.Convert(mono, inputRate, SampleRate);
        switch (Codec)
        {
            case "mp3":
                using (var output = new MemoryStream())
                {
                    using (var encoder = new Mp3Encoder(output, SampleRate, 1, Kbps))
                    {
                        encoder.Write(samples);
                        encoder.Complete();
                    }
                    return output.ToArray();
                }
            case "wav":
                using (var output = new MemoryStream())
                {
                    var writer = new WavWriter(output, SampleRate, 1);
                    writer.Write(samples);
                    writer.Complete();
                    return output.ToArray();
                }
            default:
                var pcm = new byte[samples.Length * 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(2 * i), Pcm16.ToShort(samples[i]));
                }
                return pcm;
        }
    }
}

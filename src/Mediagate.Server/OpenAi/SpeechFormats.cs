using Mediagate.Audio;

namespace Mediagate.Server.OpenAi;

/// <summary>Turns speech into the response formats of OpenAI's <c>/v1/audio/speech</c> that the gateway supports: mp3, wav and pcm (24 kHz s16le mono).</summary>
internal static class SpeechFormats
{
    public const int SampleRate = 24000;

    public static readonly IReadOnlyList<string> Supported = ["mp3", "wav", "pcm"];

    public static string ContentType(string format) => format switch
    {
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        _ => "audio/pcm",
    };

    /// <summary>From HeyGen's MP3: as it is, or decoded to 24 kHz mono.</summary>
    public static byte[] FromMp3(ReadOnlySpan<byte> mp3, string format)
    {
        if (format == "mp3")
        {
            return mp3.ToArray();
        }
        using var wav = new MemoryStream();
        AudioDecode.ToMonoWav(mp3, wav, SampleRate);
        return FromWav(wav.ToArray(), format);
    }

    /// <summary>From a WAV: as it is, its samples as s16le, or encoded to MP3.</summary>
    public static byte[] FromWav(byte[] wav, string format)
    {
        if (format == "wav")
        {
            return wav;
        }
        using var reader = WavReader.Open(new MemoryStream(wav));
        var samples = reader.ReadAll();
        if (format == "pcm")
        {
            var pcm = new byte[samples.Length * 2];
            for (var i = 0; i < samples.Length; i++)
            {
                var value = (short)Math.Clamp(Math.Round(samples[i] * 32767f), short.MinValue, short.MaxValue);
                pcm[2 * i] = (byte)value;
                pcm[2 * i + 1] = (byte)(value >> 8);
            }
            return pcm;
        }
        using var mp3 = new MemoryStream();
        using (var encoder = new Mp3Encoder(mp3, reader.SampleRate, 1, bitrateKbps: 64))
        {
            encoder.Write(samples);
            encoder.Complete();
        }
        return mp3.ToArray();
    }
}

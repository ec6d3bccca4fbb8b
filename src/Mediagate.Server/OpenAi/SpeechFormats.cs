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
        return FromSamples(AudioDecode.ToMono(mp3, SampleRate), format);
    }

    /// <summary>From 24 kHz mono samples: a 16-bit WAV, raw s16le, or MP3.</summary>
    public static byte[] FromSamples(ReadOnlySpan<float> samples, string format)
    {
        using var output = new MemoryStream();
        switch (format)
        {
            case "wav":
                var writer = new WavWriter(output, SampleRate, 1);
                writer.Write(samples);
                writer.Complete();
                break;
            case "pcm":
                var pcm = new byte[samples.Length * 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(2 * i), Pcm16.ToShort(samples[i]));
                }
                return pcm;
            default:
                using (var encoder = new Mp3Encoder(output, SampleRate, 1, bitrateKbps: 64))
                {
                    encoder.Write(samples);
                    encoder.Complete();
                }
                break;
        }
        return output.ToArray();
    }
}

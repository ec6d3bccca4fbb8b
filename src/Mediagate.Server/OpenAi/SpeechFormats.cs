using System.Buffers.Binary;
using Mediagate.Audio;

namespace Mediagate.Server.OpenAi;

/// <summary>
/// The response formats of OpenAI's <c>/v1/audio/speech</c> that the gateway makes, all 24 kHz mono: mp3, opus (Ogg Opus,
/// libopusenc), flac (libFLAC), wav and pcm (s16le). aac is refused: no well-kept AAC encoder is installable on Debian 12 as a
/// library (FFmpeg's would mean a process per request).
/// </summary>
internal static class SpeechFormats
{
    public const int SampleRate = 24000;

    public static readonly IReadOnlyList<string> Supported = ["mp3", "opus", "flac", "wav", "pcm"];

    /// <summary>Why a format cannot be made, or null when it can.</summary>
    public static string? Problem(string format) => format switch
    {
        _ when Supported.Contains(format) => null,
        "aac" => $"response_format aac is not available: no AAC encoder is installed with the gateway; use one of {string.Join(", ", Supported)}",
        _ => $"response_format must be one of {string.Join(", ", Supported)} (got '{format}')",
    };

    public static string ContentType(string format) => format switch
    {
        "mp3" => "audio/mpeg",
        "opus" => "audio/ogg",
        "flac" => "audio/flac",
        "wav" => "audio/wav",
        _ => "audio/pcm",
    };

    /// <summary>From HeyGen's MP3: as it is, or decoded to 24 kHz mono and encoded again.</summary>
    public static byte[] FromMp3(ReadOnlySpan<byte> mp3, string format) =>
        format == "mp3" ? mp3.ToArray() : FromSamples(AudioDecode.ToMono(mp3, SampleRate), format);

    /// <summary>From 24 kHz mono samples, encoded whole.</summary>
    public static byte[] FromSamples(ReadOnlySpan<float> samples, string format)
    {
        using var output = new MemoryStream();
        using (var encoder = Encoder(format, output))
        {
            encoder.Write(samples);
            encoder.Complete();
        }
        return output.ToArray();
    }

    /// <summary>An encoder that writes <paramref name="format"/> to <paramref name="output"/> as samples arrive.</summary>
    public static SpeechEncoder Encoder(string format, Stream output) => format switch
    {
        "mp3" => new Encoding<Mp3Encoder>(new Mp3Encoder(output, SampleRate, 1, bitrateKbps: 64), (e, s) => e.Write(s), e => e.Complete()),
        "opus" => new Encoding<OpusEncoder>(new OpusEncoder(output, SampleRate, 1), (e, s) => e.Write(s), e => e.Complete()),
        "flac" => new Encoding<FlacEncoder>(new FlacEncoder(output, SampleRate, 1), (e, s) => e.Write(s), e => e.Complete()),
        "wav" => new WavEncoding(output),
        _ => new PcmEncoding(output),
    };

    /// <summary>Writes samples in one response format; <see cref="Complete"/> ends the stream.</summary>
    public abstract class SpeechEncoder : IDisposable
    {
        public abstract void Write(ReadOnlySpan<float> samples);

        public abstract void Complete();

        public virtual void Dispose()
        {
        }
    }

    private sealed class Encoding<T>(T encoder, Action<T, ReadOnlySpan<float>> write, Action<T> complete) : SpeechEncoder
        where T : IDisposable
    {
        public override void Write(ReadOnlySpan<float> samples) => write(encoder, samples);

        public override void Complete() => complete(encoder);

        public override void Dispose() => encoder.Dispose();
    }

    /// <summary>WAV needs its sizes in the header, so it is kept until the end and then sent whole.</summary>
    private sealed class WavEncoding(Stream output) : SpeechEncoder
    {
        private readonly MemoryStream _buffer = new();
        private WavWriter? _writer;

        public override void Write(ReadOnlySpan<float> samples) => (_writer ??= new WavWriter(_buffer, SampleRate, 1)).Write(samples);

        public override void Complete()
        {
            (_writer ??= new WavWriter(_buffer, SampleRate, 1)).Complete();
            _buffer.Position = 0;
            _buffer.CopyTo(output);
            output.Flush();
        }
    }

    private sealed class PcmEncoding(Stream output) : SpeechEncoder
    {
        private byte[] _bytes = new byte[8192];

        public override void Write(ReadOnlySpan<float> samples)
        {
            if (_bytes.Length < samples.Length * 2)
            {
                _bytes = new byte[samples.Length * 2];
            }
            for (var i = 0; i < samples.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(_bytes.AsSpan(2 * i), Pcm16.ToShort(samples[i]));
            }
            output.Write(_bytes, 0, samples.Length * 2);
        }

        public override void Complete() => output.Flush();
    }
}

using System.Runtime.InteropServices;

namespace Mediagate.Audio;

/// <summary>
/// Encodes interleaved float audio to MP3 with LAME (Debian <c>libmp3lame0</c>, through P/Invoke). On a seekable stream the
/// LAME/Xing tag is written back over the first frame when encoding completes, so decoders can trim the encoder's delay and
/// padding and return exactly the samples that went in.
/// </summary>
public sealed unsafe partial class Mp3Encoder : IDisposable
{
    private const string Library = "libmp3lame.so.0";
    private const int JointStereo = 1;
    private const int Mono = 3;

    private readonly Stream _output;
    private readonly int _channels;
    private readonly long _start;
    private nint _lame;
    private byte[] _buffer = new byte[16384];

    /// <summary>Starts an encoder writing to <paramref name="output"/>.</summary>
    /// <param name="output">Receives the MP3 stream.</param>
    /// <param name="sampleRate">The input rate; LAME picks the nearest MPEG rate if it is not one.</param>
    /// <param name="channels">1 or 2.</param>
    /// <param name="bitrateKbps">Constant bit rate in kbit/s, 32 to 320; below 32 kHz (MPEG-2) LAME caps it at 160.</param>
    /// <param name="quality">LAME's algorithm quality, 0 (best, slowest) to 9. The default 5 is LAME's "good speed, reasonable quality" (about 55× real time for stereo here); 2 is LAME's recommended high-quality setting and runs at under half the speed.</param>
    /// <exception cref="DllNotFoundException">libmp3lame is not installed (apt-get install libmp3lame0).</exception>
    public Mp3Encoder(Stream output, int sampleRate, int channels, int bitrateKbps = 192, int quality = 5)
    {
        if (channels is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), "MP3 holds mono or stereo");
        }
        if (bitrateKbps is < 32 or > 320)
        {
            throw new ArgumentOutOfRangeException(nameof(bitrateKbps), "use 32 to 320 kbit/s");
        }
        _output = output;
        _channels = channels;
        _start = output.CanSeek ? output.Position : -1;
        _lame = lame_init();
        if (_lame == 0)
        {
            throw new InvalidOperationException("LAME could not start");
        }
        lame_set_in_samplerate(_lame, sampleRate);
        // Without this LAME may pick a lower output rate for a low bit rate; callers ask for a rate and must get it.
        lame_set_out_samplerate(_lame, sampleRate);
        lame_set_num_channels(_lame, channels);
        lame_set_mode(_lame, channels == 1 ? Mono : JointStereo);
        lame_set_brate(_lame, bitrateKbps);
        lame_set_quality(_lame, quality);
        lame_set_bWriteVbrTag(_lame, output.CanSeek ? 1 : 0);
        if (lame_init_params(_lame) < 0)
        {
            Dispose();
            throw new ArgumentException($"LAME refused the settings: {sampleRate} Hz, {channels} channels, {bitrateKbps} kbit/s");
        }
    }

    /// <summary>Encodes interleaved samples in [-1, 1].</summary>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        var frames = interleaved.Length / _channels;
        if (frames == 0)
        {
            return;
        }
        Ensure(frames + frames / 4 + 7200);
        int written;
        fixed (float* pcm = interleaved)
        fixed (byte* mp3 = _buffer)
        {
            written = _channels == 2
                ? lame_encode_buffer_interleaved_ieee_float(_lame, pcm, frames, mp3, _buffer.Length)
                : lame_encode_buffer_ieee_float(_lame, pcm, null, frames, mp3, _buffer.Length);
        }
        if (written < 0)
        {
            throw new InvalidOperationException($"LAME failed to encode (error {written})");
        }
        _output.Write(_buffer, 0, written);
    }

    /// <summary>Flushes the last frames and, on a seekable stream, writes the LAME tag over the first frame.</summary>
    public void Complete()
    {
        Ensure(7200);
        int written;
        fixed (byte* mp3 = _buffer)
        {
            written = lame_encode_flush(_lame, mp3, _buffer.Length);
        }
        if (written > 0)
        {
            _output.Write(_buffer, 0, written);
        }
        if (_start >= 0)
        {
            int tag;
            fixed (byte* mp3 = _buffer)
            {
                tag = (int)lame_get_lametag_frame(_lame, mp3, (nuint)_buffer.Length);
            }
            if (tag > 0)
            {
                var end = _output.Position;
                _output.Position = _start;
                _output.Write(_buffer, 0, tag);
                _output.Position = end;
            }
        }
        _output.Flush();
    }

    private void Ensure(int size)
    {
        if (_buffer.Length < size)
        {
            _buffer = new byte[size];
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_lame != 0)
        {
            lame_close(_lame);
            _lame = 0;
        }
    }

    [LibraryImport(Library)] private static partial nint lame_init();
    [LibraryImport(Library)] private static partial int lame_set_in_samplerate(nint lame, int rate);
    [LibraryImport(Library)] private static partial int lame_set_out_samplerate(nint lame, int rate);
    [LibraryImport(Library)] private static partial int lame_set_num_channels(nint lame, int channels);
    [LibraryImport(Library)] private static partial int lame_set_mode(nint lame, int mode);
    [LibraryImport(Library)] private static partial int lame_set_brate(nint lame, int kbps);
    [LibraryImport(Library)] private static partial int lame_set_quality(nint lame, int quality);
    [LibraryImport(Library)] private static partial int lame_set_bWriteVbrTag(nint lame, int write);
    [LibraryImport(Library)] private static partial int lame_init_params(nint lame);
    [LibraryImport(Library)] private static partial int lame_encode_buffer_interleaved_ieee_float(nint lame, float* pcm, int frames, byte* mp3, int size);
    [LibraryImport(Library)] private static partial int lame_encode_buffer_ieee_float(nint lame, float* left, float* right, int frames, byte* mp3, int size);
    [LibraryImport(Library)] private static partial int lame_encode_flush(nint lame, byte* mp3, int size);
    [LibraryImport(Library)] private static partial nuint lame_get_lametag_frame(nint lame, byte* buffer, nuint size);
    [LibraryImport(Library)] private static partial int lame_close(nint lame);
}

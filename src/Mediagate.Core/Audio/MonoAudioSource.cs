namespace Mediagate.Audio;

/// <summary>Reads an audio file of any supported kind (WAV or MP3, told apart by content) as mono float, block by block.</summary>
public sealed class MonoAudioSource : IDisposable
{
    private readonly WavReader? _wav;
    private readonly Mp3Reader? _mp3;
    private float[] _interleaved = [];

    private MonoAudioSource(WavReader? wav, Mp3Reader? mp3)
    {
        _wav = wav;
        _mp3 = mp3;
        SampleRate = wav?.SampleRate ?? mp3!.SampleRate;
    }

    /// <summary>The file's sample rate.</summary>
    public int SampleRate { get; }

    /// <summary>The frame count when the format states it (WAV), else 0.</summary>
    public long KnownFrames => _wav?.Frames ?? 0;

    /// <summary>Opens WAV (PCM 16/24/32-bit, float) or MP3.</summary>
    /// <exception cref="WavFormatException">The file is neither, or is damaged; the message says which.</exception>
    public static MonoAudioSource Open(string path) =>
        IsMp3(path) ? new MonoAudioSource(null, Mp3Reader.Open(path)) : new MonoAudioSource(WavReader.Open(path), null);

    /// <summary>Reads an open WAV, which the source then owns.</summary>
    internal static MonoAudioSource Of(WavReader wav) => new(wav, null);

    /// <summary>Reads an open MP3, which the source then owns.</summary>
    internal static MonoAudioSource Of(Mp3Reader mp3) => new(null, mp3);

    /// <summary>True when the file starts like MP3 (an ID3 tag or a frame sync); anything else is read as WAV.</summary>
    public static bool IsMp3(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using (var probe = File.OpenRead(path))
        {
            head = head[..probe.ReadAtLeast(head, 4, throwOnEndOfStream: false)];
        }
        return IsMp3(head);
    }

    /// <summary>True when <paramref name="head"/> starts like MP3 (an ID3 tag or a frame sync).</summary>
    internal static bool IsMp3(ReadOnlySpan<byte> head) =>
        head.Length >= 3 && (head[..3].SequenceEqual("ID3"u8) || (head[0] == 0xFF && (head[1] & 0xE0) == 0xE0));

    /// <summary>Reads up to <paramref name="destination"/>.Length mono samples; returns 0 at the end.</summary>
    public int Read(Span<float> destination)
    {
        if (_wav is not null)
        {
            return _wav.Read(destination);
        }
        var channels = _mp3!.Channels;
        if (_interleaved.Length < destination.Length * channels)
        {
            _interleaved = new float[destination.Length * channels];
        }
        var samples = _mp3.Read(_interleaved.AsSpan(0, destination.Length * channels));
        var frames = samples / channels;
        ChannelMix.ToMono(_interleaved.AsSpan(0, samples), channels, destination);
        return frames;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _wav?.Dispose();
        _mp3?.Dispose();
    }
}

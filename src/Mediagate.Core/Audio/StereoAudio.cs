namespace Mediagate.Audio;

/// <summary>Reads audio of any supported kind as interleaved stereo at a chosen rate, and fits tracks to a length.</summary>
public static class StereoAudio
{
    /// <summary>Reads a WAV or MP3 file as interleaved stereo float at <paramref name="sampleRate"/>; mono is copied to both sides, more channels are folded to two.</summary>
    /// <exception cref="WavFormatException">The file is neither, or is damaged.</exception>
    public static float[] Read(string path, int sampleRate)
    {
        if (MonoAudioSource.IsMp3(path))
        {
            using var mp3 = Mp3Reader.Open(path);
            return FromInterleaved(ReadAll(mp3), mp3.Channels, mp3.SampleRate, sampleRate);
        }
        using var wav = WavReader.Open(path);
        return FromInterleaved(ReadAll(wav), wav.Channels, wav.SampleRate, sampleRate);
    }

    /// <summary>Interleaved audio of any channel count at <paramref name="rate"/> as interleaved stereo at <paramref name="sampleRate"/>.</summary>
    internal static float[] FromInterleaved(float[] interleaved, int channels, int rate, int sampleRate)
    {
        var frames = interleaved.Length / channels;
        var left = new float[frames];
        var right = new float[frames];
        for (var f = 0; f < frames; f++)
        {
            left[f] = interleaved[f * channels];
            right[f] = interleaved[f * channels + (channels > 1 ? 1 : 0)];
            if (channels > 2)
            {
                // Centre and surrounds folded in at -3 dB, as a stereo downmix does.
                for (var c = 2; c < channels; c++)
                {
                    var folded = interleaved[f * channels + c] * 0.7071f;
                    left[f] += folded;
                    right[f] += folded;
                }
            }
        }
        if (rate != sampleRate)
        {
            left = Resampler.Convert(left, rate, sampleRate);
            right = Resampler.Convert(right, rate, sampleRate);
        }
        var stereo = new float[Math.Min(left.Length, right.Length) * 2];
        for (var f = 0; f < stereo.Length / 2; f++)
        {
            stereo[2 * f] = left[f];
            stereo[2 * f + 1] = right[f];
        }
        return stereo;
    }

    /// <summary>Reads a WAV or MP3 file as mono float at <paramref name="sampleRate"/>.</summary>
    public static float[] ReadMono(string path, int sampleRate)
    {
        using var source = MonoAudioSource.Open(path);
        if (source.SampleRate != sampleRate)
        {
            return Resampler.Convert(source.Read, source.KnownFrames, source.SampleRate, sampleRate);
        }
        var samples = new float[Math.Max(source.KnownFrames, 1 << 16)];
        var count = 0;
        int got;
        while ((got = source.Read(samples.AsSpan(count))) > 0)
        {
            count += got;
            if (count == samples.Length)
            {
                Array.Resize(ref samples, samples.Length * 2);
            }
        }
        return count == samples.Length ? samples : samples[..count];
    }

    /// <summary>
    /// Fits an interleaved stereo track to exactly <paramref name="frames"/>: a shorter one loops, each repeat joined with an
    /// equal-power crossfade of <paramref name="crossfadeSeconds"/>; a longer one is cut. It then fades in and out.
    /// </summary>
    /// <returns>The fitted track and how many times the source was played (1 when it was not looped).</returns>
    public static (float[] Stereo, int Plays) Fit(float[] stereo, int frames, int sampleRate, double crossfadeSeconds = 1.0, double fadeInSeconds = 0.5, double fadeOutSeconds = 2.0)
    {
        var sourceFrames = stereo.Length / 2;
        var output = new float[frames * 2];
        var plays = 1;
        if (sourceFrames == 0)
        {
            return (output, 0);
        }
        if (sourceFrames >= frames)
        {
            Array.Copy(stereo, output, frames * 2);
        }
        else
        {
            var fade = Math.Min((int)(crossfadeSeconds * sampleRate), sourceFrames / 4);
            var step = sourceFrames - fade;
            Array.Copy(stereo, output, Math.Min(stereo.Length, output.Length));
            for (var start = step; start < frames; start += step)
            {
                plays++;
                for (var j = 0; j < sourceFrames && start + j < frames; j++)
                {
                    var i = start + j;
                    if (j < fade)
                    {
                        // Equal power: the outgoing copy's tail fades as cos, the incoming copy's head rises as sin.
                        var t = (j + 0.5) / fade * Math.PI / 2;
                        var fadingOut = (float)Math.Cos(t);
                        var fadingIn = (float)Math.Sin(t);
                        output[2 * i] = output[2 * i] * fadingOut + stereo[2 * j] * fadingIn;
                        output[2 * i + 1] = output[2 * i + 1] * fadingOut + stereo[2 * j + 1] * fadingIn;
                    }
                    else
                    {
                        output[2 * i] = stereo[2 * j];
                        output[2 * i + 1] = stereo[2 * j + 1];
                    }
                }
            }
        }
        var fadeIn = Math.Min(frames / 4, (int)(fadeInSeconds * sampleRate));
        var fadeOut = Math.Min(frames / 3, (int)(fadeOutSeconds * sampleRate));
        for (var i = 0; i < fadeIn; i++)
        {
            var g = (float)i / fadeIn;
            output[2 * i] *= g;
            output[2 * i + 1] *= g;
        }
        for (var i = 0; i < fadeOut; i++)
        {
            var g = (float)i / fadeOut;
            var f = frames - 1 - i;
            output[2 * f] *= g;
            output[2 * f + 1] *= g;
        }
        return (output, plays);
    }

    /// <summary>Every sample of <paramref name="mp3"/>, interleaved.</summary>
    internal static float[] ReadAll(Mp3Reader mp3)
    {
        var samples = new List<float>();
        var buffer = new float[65536 * mp3.Channels];
        int n;
        while ((n = mp3.Read(buffer)) > 0)
        {
            samples.AddRange(buffer.AsSpan(0, n));
        }
        return [.. samples];
    }

    /// <summary>Every sample of <paramref name="wav"/>, interleaved as stored.</summary>
    internal static float[] ReadAll(WavReader wav)
    {
        var all = new float[wav.Frames * wav.Channels];
        var read = 0;
        int got;
        while (read < all.Length && (got = wav.ReadInterleaved(all.AsSpan(read, Math.Min(65536 * wav.Channels, all.Length - read)))) > 0)
        {
            read += got * wav.Channels;
        }
        return read == all.Length ? all : all[..read];
    }
}

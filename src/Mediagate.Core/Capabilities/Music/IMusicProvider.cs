namespace Mediagate.Capabilities.Music;

/// <summary>A background-music provider: a library to search (HeyGen) or a generator (Lyria, the local composer).</summary>
public interface IMusicProvider : IProvider
{
    /// <summary>True for a generator, false for a library that is searched.</summary>
    bool IsGenerator { get; }

    /// <summary>Finds or makes music fitted to exactly <see cref="MusicAsk.Frames"/> frames.</summary>
    /// <exception cref="NoMatchException">A library has nothing for the query.</exception>
    Task<MusicClip> MakeAsync(MusicAsk ask, CancellationToken cancellationToken);
}

/// <summary>What music to find or make.</summary>
/// <param name="Query">What a library is searched for.</param>
/// <param name="Prompt">What a generator is asked for.</param>
/// <param name="Frames">The length wanted, in frames.</param>
/// <param name="SampleRate">The rate of the clip to hand back.</param>
public sealed record MusicAsk(string Query, string Prompt, int Frames, int SampleRate);

/// <summary>Music as a provider hands it back.</summary>
/// <param name="Stereo">Interleaved stereo, exactly the frames asked for.</param>
/// <param name="Source">What it is: the track's name, the prompt, or the composer's style.</param>
/// <param name="Plays">How many times a shorter track was looped to fill the length.</param>
public sealed record MusicClip(float[] Stereo, string Source, int Plays);

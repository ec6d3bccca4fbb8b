using Mediagate.Capabilities;

namespace Mediagate.Soundtrack;

/// <summary>What a soundtrack job works with.</summary>
/// <param name="Chains">The voice, music and effect chains for this run; a link that falls over is skipped by the rest of the run.</param>
/// <param name="Cache">The content-addressed cache.</param>
/// <param name="Progress">Told of every change of state, from any thread; null for none.</param>
public sealed record SoundtrackJobContext(CapabilityChains Chains, SoundtrackCache Cache, Action<PieceUpdate>? Progress);

/// <summary>How to run a job.</summary>
/// <param name="OutputDirectory">Where the files go.</param>
/// <param name="Parts">Which parts to make: tts, bgm, sfx.</param>
/// <param name="Concurrency">How many lines are spoken at once.</param>
/// <param name="Mix">The mix settings.</param>
public sealed record SoundtrackOptions(string OutputDirectory, IReadOnlySet<string> Parts, int Concurrency, MixSettings Mix)
{
    /// <summary>Where the files go; null for Mediagate's own layout in <see cref="OutputDirectory"/>.</summary>
    public SoundtrackLayout? Layout { get; init; }
}

/// <summary>A piece of audio for the output step: samples to write, or a finished cache entry with exactly those samples to copy.</summary>
/// <param name="Samples">Interleaved samples at <see cref="MixSettings.SampleRate"/>.</param>
/// <param name="Channels">1 or 2.</param>
/// <param name="CachedFile">A cache entry holding the same audio, copied instead of encoding again; null for new audio.</param>
internal sealed record AudioPiece(float[] Samples, int Channels, string? CachedFile);

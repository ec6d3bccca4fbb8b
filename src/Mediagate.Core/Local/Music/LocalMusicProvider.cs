using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Music;

namespace Mediagate.Local.Music;

/// <summary>The local composer as a music provider: an arrangement from the prompt, played by FluidSynth, exactly the length asked for.</summary>
public sealed class LocalMusicProvider(LocalEngines engines) : IMusicProvider
{
    /// <inheritdoc />
    public string Id => "local";

    /// <inheritdoc />
    public string Label => "local composer (FluidSynth)";

    /// <inheritdoc />
    public bool IsGenerator => true;

    /// <inheritdoc />
    public Availability Availability => engines.FluidSynthLibrary is null || engines.SoundFont is not { } font
        ? Availability.Unavailable(ChainWording.NotInstalled("libfluidsynth3 timgm6mb-soundfont"))
        : Availability.Ready(ChainWording.NoKeyNeededWith($"SoundFont {Path.GetFileName(font)}"));

    /// <inheritdoc />
    public async Task<MusicClip> MakeAsync(MusicAsk ask, CancellationToken cancellationToken)
    {
        var request = new MusicRequest(ask.Prompt, Math.Max(MusicRequest.MinDuration, ask.Frames / (double)ask.SampleRate), SampleRate: ask.SampleRate);
        var track = await Task.Run(() => Composer.Compose(request, engines, cancellationToken), cancellationToken).ConfigureAwait(false);
        var stereo = track.Stereo.Length == ask.Frames * 2 ? track.Stereo : StereoAudio.Fit(track.Stereo, ask.Frames, ask.SampleRate).Stereo;
        return new MusicClip(stereo, $"{track.Style.Mood}, {track.Bpm:0} BPM", 1);
    }
}

using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Music;

namespace Mediagate.Providers.HeyGen;

/// <summary>HeyGen's music library as a music provider: the best match for the query, downloaded, decoded and fitted to the length.</summary>
public sealed class HeyGenMusicProvider(ProviderSet providers) : IMusicProvider
{
    /// <inheritdoc />
    public string Id => "heygen";

    /// <inheritdoc />
    public string Label => "HeyGen library";

    /// <inheritdoc />
    public bool IsGenerator => false;

    /// <inheritdoc />
    public Availability Availability => providers.HeyGenAvailability;

    /// <inheritdoc />
    public async Task<MusicClip> MakeAsync(MusicAsk ask, CancellationToken cancellationToken)
    {
        var client = providers.HeyGen();
        var found = await providers.RequireHeyGen().RunAsync((credential, token) => client.SearchSoundsAsync(credential, SoundSearch.ForMusic(ask.Query), token), cancellationToken).ConfigureAwait(false);
        var top = found.FirstOrDefault() ?? throw new NoMatchException($"HeyGen's library has no music for \"{ask.Query}\"");
        var audio = await client.DownloadAsync(top.AudioUrl, cancellationToken).ConfigureAwait(false);
        var (stereo, plays) = StereoAudio.Fit(ProviderAudio.Stereo("HeyGen", audio, ask.SampleRate), ask.Frames, ask.SampleRate);
        return new MusicClip(stereo, top.Name.Length > 0 ? top.Name : top.Id, plays);
    }
}

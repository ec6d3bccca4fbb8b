using Mediagate.Capabilities;
using Mediagate.Capabilities.Effects;

namespace Mediagate.Providers.HeyGen;

/// <summary>HeyGen's sound library as a sound-effect provider: the best match for the name, downloaded and decoded.</summary>
public sealed class HeyGenEffectProvider(ProviderSet providers) : IEffectProvider
{
    /// <inheritdoc />
    public string Id => "heygen";

    /// <inheritdoc />
    public string Label => "HeyGen library";

    /// <inheritdoc />
    public Availability Availability => providers.HeyGenAvailability;

    /// <inheritdoc />
    public async Task<EffectSound> FindAsync(string name, int sampleRate, CancellationToken cancellationToken)
    {
        var client = providers.HeyGen();
        var found = await providers.RequireHeyGen().RunAsync((credential, token) => client.SearchSoundsAsync(credential, SoundSearch.ForEffect(name), token), cancellationToken).ConfigureAwait(false);
        var top = found.FirstOrDefault() ?? throw new NoMatchException($"HeyGen's library has no sound for \"{name}\"");
        var audio = await client.DownloadAsync(top.AudioUrl, cancellationToken).ConfigureAwait(false);
        return new EffectSound(ProviderAudio.Stereo("HeyGen", audio, sampleRate), top.Name.Length > 0 ? top.Name : top.Id);
    }
}

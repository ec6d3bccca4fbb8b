using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Music;

namespace Mediagate.Providers.Gemini;

/// <summary>Google Lyria (through the Gemini API) as a music provider: a clip generated from the prompt, fitted to the length.</summary>
public sealed class LyriaMusicProvider(ProviderSet providers) : IMusicProvider
{
    /// <inheritdoc />
    public string Id => "lyria";

    /// <inheritdoc />
    public string Label => "Google Lyria";

    /// <inheritdoc />
    public bool IsGenerator => true;

    /// <inheritdoc />
    public Availability Availability => providers.KeyAvailability(ProviderSet.GoogleKeys);

    /// <inheritdoc />
    public async Task<MusicClip> MakeAsync(MusicAsk ask, CancellationToken cancellationToken)
    {
        var gemini = providers.Gemini() ?? throw new ProviderUnavailableException(ChainWording.NoKey(ProviderSet.GoogleKeys));
        var clip = await gemini.GenerateMusicAsync(ask.Prompt, cancellationToken).ConfigureAwait(false);
        var (stereo, plays) = StereoAudio.Fit(ProviderAudio.Stereo("Lyria", clip.Bytes, ask.SampleRate), ask.Frames, ask.SampleRate);
        return new MusicClip(stereo, ask.Prompt, plays);
    }
}

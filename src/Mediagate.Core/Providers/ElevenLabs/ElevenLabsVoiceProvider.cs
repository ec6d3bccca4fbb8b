using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;

namespace Mediagate.Providers.ElevenLabs;

/// <summary>ElevenLabs as a voice provider: speech with timestamps, decoded in memory, words from the character alignment.</summary>
public sealed class ElevenLabsVoiceProvider(ProviderSet providers) : IVoiceProvider
{
    /// <inheritdoc />
    public string Id => "elevenlabs";

    /// <inheritdoc />
    public string Label => "ElevenLabs";

    /// <inheritdoc />
    public Availability Availability => providers.KeyAvailability(ProviderSet.ElevenLabsKey);

    /// <inheritdoc />
    public async Task<SpeechClip> SpeakAsync(SpeechRequest request, CancellationToken cancellationToken, IProgress<double>? progress = null)
    {
        var voice = request.Voice ?? ElevenLabsClient.DefaultVoiceId;
        var speech = await Client().SpeakWithTimestampsAsync(request.Text, voice, request.Speed, cancellationToken).ConfigureAwait(false);
        var samples = ProviderAudio.Mono("ElevenLabs", speech.Audio, request.SampleRate);
        progress?.Report(1);
        return new SpeechClip(samples, new SpeechResult(Id, voice, request.Language ?? "en", request.Speed, request.SampleRate,
            samples.Length / (double)request.SampleRate, speech.Words));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken)
    {
        var voices = await Client().ListVoicesAsync(cancellationToken).ConfigureAwait(false);
        return voices.Select(v => new VoiceInfo(v.VoiceId, v.Name, v.Language, v.Gender, v.Category)).ToList();
    }

    private ElevenLabsClient Client() => providers.ElevenLabs() ?? throw new ProviderUnavailableException(ChainWording.NoKey([ProviderSet.ElevenLabsKey]));
}

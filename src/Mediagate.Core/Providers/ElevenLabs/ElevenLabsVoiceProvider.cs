using Mediagate.Audio;
using Mediagate.Capabilities.Voice;
using Mediagate.Http;

namespace Mediagate.Providers.ElevenLabs;

/// <summary>ElevenLabs as a voice provider: speech with timestamps, decoded to WAV, words from the character alignment.</summary>
public sealed class ElevenLabsVoiceProvider : IVoiceProvider
{
    private readonly ElevenLabsClient _client;

    /// <summary>Creates the provider over a client.</summary>
    public ElevenLabsVoiceProvider(ElevenLabsClient client) => _client = client;

    /// <inheritdoc />
    public string Id => "elevenlabs";

    /// <inheritdoc />
    public async Task<SpeechResult> SynthesizeAsync(SpeechRequest request, Stream wav, CancellationToken cancellationToken, IProgress<double>? progress = null)
    {
        var voice = request.Voice ?? ElevenLabsClient.DefaultVoiceId;
        var speech = await _client.SpeakWithTimestampsAsync(request.Text, voice, request.Speed, cancellationToken).ConfigureAwait(false);
        double duration;
        try
        {
            duration = AudioDecode.ToMonoWav(speech.Audio, wav, request.SampleRate);
        }
        catch (WavFormatException ex)
        {
            throw new ProviderException("ElevenLabs", ProviderFailure.BadResponse, $"ElevenLabs' audio could not be decoded: {ex.Message}", inner: ex);
        }
        progress?.Report(1);
        return new SpeechResult(Id, voice, request.Language ?? "en", request.Speed, request.SampleRate, duration, speech.Words);
    }
}

using Mediagate.Audio;
using Mediagate.Capabilities.Voice;
using Mediagate.Http;

namespace Mediagate.Providers.HeyGen;

/// <summary>HeyGen Starfish speech as a voice provider: the speech call, the MP3 download, decoding to WAV, and HeyGen's own word timings.</summary>
public sealed class HeyGenVoiceProvider : IVoiceProvider
{
    private readonly HeyGenClient _client;
    private readonly HeyGenSession _session;

    /// <summary>Creates the provider over a client and a credential session.</summary>
    public HeyGenVoiceProvider(HeyGenClient client, HeyGenSession session)
    {
        _client = client;
        _session = session;
    }

    /// <inheritdoc />
    public string Id => "heygen";

    /// <inheritdoc />
    public async Task<SpeechResult> SynthesizeAsync(SpeechRequest request, Stream wav, CancellationToken cancellationToken, IProgress<double>? progress = null)
    {
        var voice = request.Voice ?? await DefaultVoiceAsync(request.Language, cancellationToken).ConfigureAwait(false);
        var speech = await _session.RunAsync((credential, token) => _client.SpeakAsync(credential, request.Text, voice, request.Speed, request.Language, token), cancellationToken).ConfigureAwait(false);
        progress?.Report(0.5);
        var audio = await _client.DownloadAsync(speech.AudioUrl, cancellationToken).ConfigureAwait(false);
        double duration;
        try
        {
            duration = AudioDecode.ToMonoWav(audio, wav, request.SampleRate);
        }
        catch (WavFormatException ex)
        {
            throw new ProviderException("HeyGen", ProviderFailure.BadResponse, $"HeyGen's audio could not be decoded: {ex.Message}", inner: ex);
        }
        progress?.Report(1);
        return new SpeechResult(Id, voice, request.Language ?? "en", request.Speed, request.SampleRate, duration, speech.Words);
    }

    /// <summary>The peer's choice: Marcia for English, else the first catalogue voice of the language (Marcia when there is none).</summary>
    private async Task<string> DefaultVoiceAsync(string? language, CancellationToken cancellationToken)
    {
        if (HeyGenClient.IsEnglish(language))
        {
            return HeyGenClient.DefaultVoiceId;
        }
        var voices = await _session.RunAsync((credential, token) => _client.ListVoicesAsync(credential, 50, token), cancellationToken).ConfigureAwait(false);
        var prefix = language.Split('-', '_')[0];
        return voices.FirstOrDefault(v => v.Language is { } l && (l.Equals(language, StringComparison.OrdinalIgnoreCase)
                || l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))?.VoiceId
            ?? HeyGenClient.DefaultVoiceId;
    }
}

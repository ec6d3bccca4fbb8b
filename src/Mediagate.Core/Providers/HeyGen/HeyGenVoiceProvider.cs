using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;

namespace Mediagate.Providers.HeyGen;

/// <summary>HeyGen Starfish speech as a voice provider: the speech call, the MP3 download decoded in memory, and HeyGen's own word timings.</summary>
public sealed class HeyGenVoiceProvider(ProviderSet providers) : IVoiceProvider
{
    /// <inheritdoc />
    public string Id => "heygen";

    /// <inheritdoc />
    public string Label => "HeyGen";

    /// <inheritdoc />
    public Availability Availability => providers.HeyGenAvailability;

    /// <inheritdoc />
    public async Task<SpeechClip> SpeakAsync(SpeechRequest request, CancellationToken cancellationToken, IProgress<double>? progress = null)
    {
        var session = providers.RequireHeyGen();
        var client = providers.HeyGen();
        var voice = request.Voice ?? await DefaultVoiceAsync(request.Language, cancellationToken).ConfigureAwait(false);
        var speech = await session.RunAsync((credential, token) => client.SpeakAsync(credential, request.Text, voice, request.Speed, request.Language, token), cancellationToken).ConfigureAwait(false);
        progress?.Report(0.5);
        var audio = await client.DownloadAsync(speech.AudioUrl, cancellationToken).ConfigureAwait(false);
        var samples = ProviderAudio.Mono("HeyGen", audio, request.SampleRate);
        progress?.Report(1);
        return new SpeechClip(samples, new SpeechResult(Id, voice, request.Language ?? "en", request.Speed, request.SampleRate,
            samples.Length / (double)request.SampleRate, speech.Words));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken)
    {
        var client = providers.HeyGen();
        var voices = await providers.RequireHeyGen().RunAsync((credential, token) => client.ListVoicesAsync(credential, 100, token), cancellationToken).ConfigureAwait(false);
        return voices.Select(v => new VoiceInfo(v.VoiceId, v.Name, v.Language, v.Gender, null)).ToList();
    }

    /// <summary>The peer's choice: Marcia for English, else the first catalogue voice of the language (Marcia when there is none).</summary>
    private async Task<string> DefaultVoiceAsync(string? language, CancellationToken cancellationToken)
    {
        if (HeyGenClient.IsEnglish(language))
        {
            return HeyGenClient.DefaultVoiceId;
        }
        var client = providers.HeyGen();
        var voices = await providers.RequireHeyGen().RunAsync((credential, token) => client.ListVoicesAsync(credential, 50, token), cancellationToken).ConfigureAwait(false);
        var prefix = language.Split('-', '_')[0];
        return voices.FirstOrDefault(v => v.Language is { } l && (l.Equals(language, StringComparison.OrdinalIgnoreCase)
                || l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))?.VoiceId
            ?? HeyGenClient.DefaultVoiceId;
    }
}

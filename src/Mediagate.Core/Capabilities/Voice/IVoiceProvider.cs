namespace Mediagate.Capabilities.Voice;

/// <summary>A text-to-speech provider: the cloud clients, the local eSpeak engine, and later Kokoro, all behind one shape.</summary>
public interface IVoiceProvider : IProvider
{
    /// <summary>Speaks <paramref name="request"/> and hands back the decoded audio and every word's timing.</summary>
    /// <param name="request">What to say.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="progress">Receives the fraction done, from 0 to 1, on long work.</param>
    Task<SpeechClip> SpeakAsync(SpeechRequest request, CancellationToken cancellationToken, IProgress<double>? progress = null);

    /// <summary>The voices this provider offers.</summary>
    Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken);
}

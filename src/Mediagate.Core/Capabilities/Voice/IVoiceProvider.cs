namespace Mediagate.Capabilities.Voice;

/// <summary>A text-to-speech provider: the cloud clients, the local eSpeak engine, and later Kokoro, all behind one shape.</summary>
public interface IVoiceProvider
{
    /// <summary>The provider id, as <c>--provider</c> takes it.</summary>
    string Id { get; }

    /// <summary>Synthesises <paramref name="request"/> as 16-bit mono WAV into <paramref name="wav"/> (seekable) and returns the word timings.</summary>
    /// <param name="request">What to say.</param>
    /// <param name="wav">A seekable stream that receives the WAV file.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="progress">Receives the fraction done, from 0 to 1, on long work.</param>
    Task<SpeechResult> SynthesizeAsync(SpeechRequest request, Stream wav, CancellationToken cancellationToken, IProgress<double>? progress = null);
}

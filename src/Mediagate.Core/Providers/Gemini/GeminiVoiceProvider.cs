using Mediagate.Alignment;
using Mediagate.Audio;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;
using Mediagate.Http;

namespace Mediagate.Providers.Gemini;

/// <summary>
/// Gemini TTS as a voice provider, on request only (<c>provider: gemini</c>), as the peer: a prebuilt voice (default Kore) from
/// a TTS model, with a delivery style in words. Gemini returns no word timings, so the words are timed against the audio by
/// the forced aligner on the known text.
/// </summary>
/// <remarks>
/// It is not in <c>auto</c>: its voice and pacing differ from the chain's, and the peer never reaches it by default either.
/// The aligner synthesises a reference with eSpeak NG, so the provider needs eSpeak as well as a key.
/// </remarks>
public sealed class GeminiVoiceProvider(ProviderSet providers, LocalEngines local) : IVoiceProvider
{
    /// <inheritdoc />
    public string Id => "gemini";

    /// <inheritdoc />
    public string Label => "Gemini TTS";

    /// <inheritdoc />
    public bool ExplicitOnly => true;

    /// <inheritdoc />
    public Availability Availability
    {
        get
        {
            var key = providers.KeyAvailability(ProviderSet.GoogleKeys);
            return key.IsReady && (local.ESpeakLibrary is null || !local.ESpeakData)
                ? Availability.Unavailable($"its word timings need the aligner's eSpeak NG: {ChainWording.NotInstalled("libespeak-ng1 espeak-ng-data")}")
                : key;
        }
    }

    /// <inheritdoc />
    public async Task<SpeechClip> SpeakAsync(SpeechRequest request, CancellationToken cancellationToken, IProgress<double>? progress = null)
    {
        var gemini = providers.Gemini() ?? throw new ProviderUnavailableException(ChainWording.NoKey(ProviderSet.GoogleKeys));
        var model = request.Model ?? GeminiTts.DefaultModel;
        if (GeminiTts.ModelProblem(model) is { } problem)
        {
            throw new UsageException(problem, "leave tts_model out for the default, or name one of the models listed");
        }
        var voice = request.Voice ?? GeminiTts.DefaultVoice;
        var speech = await gemini.SpeakAsync(model, GeminiTts.Prompt(request.Text, request.Style), voice, cancellationToken).ConfigureAwait(false);
        float[] samples;
        float[] forAligner;
        try
        {
            samples = GeminiTts.Decode(speech.Bytes, speech.MimeType, request.SampleRate);
            forAligner = Resampler.Convert(samples, request.SampleRate, Mfcc.SampleRate);
        }
        catch (WavFormatException ex)
        {
            throw new ProviderException("Gemini", ProviderFailure.BadResponse, $"Gemini's audio could not be decoded: {ex.Message}", inner: ex);
        }
        progress?.Report(0.5);
        // The style was spoken as an instruction, not as narration: the words to time are the text alone.
        var aligned = await Task.Run(() => new ForcedAligner().Align(forAligner, request.Text, cancellationToken), cancellationToken).ConfigureAwait(false);
        progress?.Report(1);
        return new SpeechClip(samples, new SpeechResult(Id, voice, request.Language ?? "en", request.Speed, request.SampleRate,
            samples.Length / (double)request.SampleRate, aligned.Words));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<VoiceInfo>>(GeminiTts.Voices.Select(v => new VoiceInfo(v.Name, v.Name, null, null, v.Character)).ToList());
}

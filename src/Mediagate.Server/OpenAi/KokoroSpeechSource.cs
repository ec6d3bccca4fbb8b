using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;
using Mediagate.Local.Kokoro;
using Mediagate.Models;
using Mediagate.Platform;

namespace Mediagate.Server.OpenAi;

/// <summary>
/// Kokoro-82M as the speech chain's link between the pool and eSpeak NG, once <c>mediagate models pull kokoro</c> has installed
/// it where the server's environment looks (<c>MEDIAGATE_MODELS_DIR</c>…). Its audio is made whole and then encoded.
/// </summary>
internal sealed class KokoroSpeechSource(SpeechAdmission admission) : ISpeechSource
{
    private readonly KokoroVoiceProvider _kokoro = KokoroInstall.Provider(ModelStore.FromEnvironment(EnvironmentVariables.Process));

    public string Id => _kokoro.Id;

    public string Label => _kokoro.Label;

    public Availability Availability => _kokoro.Availability;

    public async Task<SpeechAnswer> SpeakAsync(SpeechAsk ask, CancellationToken cancellationToken)
    {
        using var ticket = admission.Admit();
        await ticket.SpeakAsync(cancellationToken);
        var clip = await _kokoro.SpeakAsync(new SpeechRequest(ask.Input, Speed: Math.Clamp(ask.Speed, 0.5, 2.0), SampleRate: SpeechFormats.SampleRate), cancellationToken);
        return new SpeechAnswer(SpeechFormats.FromSamples(clip.Samples, ask.Format), null);
    }
}

using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;
using Mediagate.Local.Voice;

namespace Mediagate.Server.OpenAi;

/// <summary>The local voice (eSpeak NG) as the speech chain's last link: it needs no account and no network.</summary>
internal sealed class LocalSpeechSource : ISpeechSource
{
    private readonly LocalVoiceEngine _engine = new();

    public string Id => _engine.Id;

    public string Label => _engine.Label;

    public Availability Availability => _engine.Availability;

    public async Task<byte[]> SpeakAsync(SpeechAsk ask, CancellationToken cancellationToken)
    {
        var clip = await _engine.SpeakAsync(new SpeechRequest(ask.Input, Speed: Math.Clamp(ask.Speed, 0.5, 3.0), SampleRate: SpeechFormats.SampleRate), cancellationToken);
        return SpeechFormats.FromSamples(clip.Samples, ask.Format);
    }
}

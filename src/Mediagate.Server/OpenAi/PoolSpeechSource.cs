using System.Text.Json;
using Mediagate.Capabilities;
using Mediagate.Providers.HeyGen;
using Mediagate.Server.Api;
using Mediagate.Server.Jobs;
using Mediagate.Server.Tts;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.OpenAi;

/// <summary>The account pool as a speech source: a random account with free capacity speaks through HeyGen; MP3 passes through as it is.</summary>
internal sealed class PoolSpeechSource(SlotPool pool, JobRunner runner, SpeechCalls calls) : ISpeechSource
{
    public string Id => "heygen";

    public string Label => "account pool (HeyGen)";

    public Availability Availability => Availability.Ready("the gateway's HeyGen accounts");

    public async Task<SpeechAnswer> SpeakAsync(SpeechAsk ask, CancellationToken cancellationToken)
    {
        Lease lease;
        try
        {
            lease = await pool.AcquireAsync(ask.Job, null, cancellationToken);
        }
        catch (ApiException ex) when (ex.Status is StatusCodes.Status404NotFound or StatusCodes.Status503ServiceUnavailable)
        {
            // No account, or none in service: the chain moves on to the local voice. Every account busy (429) is the caller's answer.
            throw new ProviderUnavailableException(ex.Message, ex);
        }
        var voiceId = ask.Voice.Length == 32 && ask.Voice.All(char.IsAsciiHexDigitLower) ? ask.Voice : HeyGenClient.DefaultVoiceId;
        return new SpeechAnswer(await runner.RunAsync(lease, async ct =>
        {
            var speech = await calls.SpeakAsync(lease.Account, ask.Input, voiceId, Math.Clamp(ask.Speed, 0.5, 2.0), null, ct);
            var mp3 = await calls.DownloadAsync(speech.AudioUrl, ct);
            var bytes = SpeechFormats.FromMp3(mp3, ask.Format);
            return (bytes, JsonSerializer.Serialize(new SpeechJobResponse(speech.AudioUrl.ToString(), bytes.Length), GatewayJson.Options));
        }, cancellationToken), null);
    }
}

using System.IO.Pipelines;
using Mediagate.Capabilities;
using Mediagate.Capabilities.Voice;
using Mediagate.Local.Voice;
using Mediagate.Server.Api;
using Mediagate.Soundtrack;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.OpenAi;

/// <summary>
/// The local voice (eSpeak NG) as the speech chain's last link: it needs no account and no network, and its audio is encoded and
/// streamed as it is synthesised, under the local voices' admission cap (<see cref="SpeechAdmission"/>).
/// </summary>
internal sealed class LocalSpeechSource(SpeechAdmission admission) : ISpeechSource
{
    private readonly LocalVoiceEngine _engine = new();

    public string Id => _engine.Id;

    public string Label => _engine.Label;

    public Availability Availability => _engine.Availability;

    public Task<SpeechAnswer> SpeakAsync(SpeechAsk ask, CancellationToken cancellationToken)
    {
        if (RequestParser.CountWords(ask.Input) == 0)
        {
            throw new UsageException("the text has nothing speakable (only punctuation or symbols eSpeak does not read)");
        }
        var ticket = admission.Admit();
        var request = new SpeechRequest(ask.Input, Speed: Math.Clamp(ask.Speed, 0.5, 3.0), SampleRate: SpeechFormats.SampleRate);
        return Task.FromResult(new SpeechAnswer(null, (body, token) => StreamAsync(ticket, request, ask.Format, body, token)));
    }

    private async Task StreamAsync(SpeechAdmission.Ticket ticket, SpeechRequest request, string format, Stream body, CancellationToken cancellationToken)
    {
        using (ticket)
        {
            await ticket.SpeakAsync(cancellationToken);
            {
                // The encoder writes on the synthesis thread into a pipe that never pauses it; this side sends what arrives.
                var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
                var producer = Task.Run(async () =>
                {
                    try
                    {
                        await using (var stream = pipe.Writer.AsStream(leaveOpen: true))
                        using (var encoder = SpeechFormats.Encoder(format, stream))
                        {
                            await _engine.StreamAsync(request, encoder.Write, cancellationToken);
                            encoder.Complete();
                        }
                        await pipe.Writer.CompleteAsync();
                    }
                    catch (Exception ex)
                    {
                        await pipe.Writer.CompleteAsync(ex);
                    }
                }, CancellationToken.None);
                try
                {
                    await pipe.Reader.CopyToAsync(body, cancellationToken);
                }
                finally
                {
                    await producer;
                    await pipe.Reader.CompleteAsync();
                }
            }
        }
    }
}

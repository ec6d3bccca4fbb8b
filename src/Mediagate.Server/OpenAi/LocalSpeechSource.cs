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
/// streamed as it is synthesised. At most <see cref="GatewayOptions.LocalSpeechConcurrency"/> requests speak at once and as many
/// again wait; past that the answer is 429 with <c>Retry-After</c>, so that a burst cannot grow the process without bound.
/// </summary>
internal sealed class LocalSpeechSource(GatewayOptions options) : ISpeechSource
{
    private readonly LocalVoiceEngine _engine = new();
    private readonly SemaphoreSlim _speaking = new(options.LocalSpeechConcurrency, options.LocalSpeechConcurrency);
    private int _admitted;

    public string Id => _engine.Id;

    public string Label => _engine.Label;

    public Availability Availability => _engine.Availability;

    public Task<SpeechAnswer> SpeakAsync(SpeechAsk ask, CancellationToken cancellationToken)
    {
        if (RequestParser.CountWords(ask.Input) == 0)
        {
            throw new UsageException("the text has nothing speakable (only punctuation or symbols eSpeak does not read)");
        }
        if (Interlocked.Increment(ref _admitted) > 2 * options.LocalSpeechConcurrency)
        {
            Interlocked.Decrement(ref _admitted);
            throw new ApiException(StatusCodes.Status429TooManyRequests,
                $"the local voice is busy ({options.LocalSpeechConcurrency} speaking and as many waiting); retry in a second, or add a HeyGen account to the pool");
        }
        var request = new SpeechRequest(ask.Input, Speed: Math.Clamp(ask.Speed, 0.5, 3.0), SampleRate: SpeechFormats.SampleRate);
        return Task.FromResult(new SpeechAnswer(null, (body, token) => StreamAsync(request, ask.Format, body, token)));
    }

    private async Task StreamAsync(SpeechRequest request, string format, Stream body, CancellationToken cancellationToken)
    {
        try
        {
            await _speaking.WaitAsync(cancellationToken);
            try
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
            finally
            {
                _speaking.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }
}

using Mediagate.Server.Api;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Server.OpenAi;

/// <summary>
/// How many local syntheses (Kokoro and eSpeak NG share it) may run at once: <see cref="GatewayOptions.LocalSpeechConcurrency"/>
/// speak, as many again wait, and past that the answer is 429 with <c>Retry-After</c>, so a burst cannot grow the process unbounded.
/// </summary>
internal sealed class SpeechAdmission(GatewayOptions options)
{
    private readonly SemaphoreSlim _speaking = new(options.LocalSpeechConcurrency, options.LocalSpeechConcurrency);
    private int _admitted;

    /// <summary>Admits one request, or refuses it with 429 when the queue is full; dispose the ticket when it is done.</summary>
    public Ticket Admit()
    {
        if (Interlocked.Increment(ref _admitted) > 2 * options.LocalSpeechConcurrency)
        {
            Interlocked.Decrement(ref _admitted);
            throw new ApiException(StatusCodes.Status429TooManyRequests,
                $"the local voice is busy ({options.LocalSpeechConcurrency} speaking and as many waiting); retry in a second, or add a HeyGen account to the pool");
        }
        return new Ticket(this);
    }

    /// <summary>A place in the queue; <see cref="SpeakAsync"/> waits for a turn to speak.</summary>
    public sealed class Ticket(SpeechAdmission owner) : IDisposable
    {
        private bool _speaking;

        public async Task SpeakAsync(CancellationToken cancellationToken)
        {
            await owner._speaking.WaitAsync(cancellationToken);
            _speaking = true;
        }

        public void Dispose()
        {
            if (_speaking)
            {
                owner._speaking.Release();
            }
            Interlocked.Decrement(ref owner._admitted);
        }
    }
}

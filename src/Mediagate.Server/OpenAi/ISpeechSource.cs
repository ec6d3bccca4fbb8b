using Mediagate.Capabilities;
using Mediagate.Server.Storage;

namespace Mediagate.Server.OpenAi;

/// <summary>A link of the gateway's speech chain (the account pool, then the local voice), answering in the response format asked for.</summary>
internal interface ISpeechSource : IProvider
{
    /// <summary>Speaks the request: the encoded audio, or a writer that streams it as it is made.</summary>
    /// <exception cref="ProviderUnavailableException">The source cannot serve now (the pool has no account in service); the chain moves on.</exception>
    Task<SpeechAnswer> SpeakAsync(SpeechAsk ask, CancellationToken cancellationToken);
}

/// <summary>One request of <c>POST /v1/audio/speech</c>, validated.</summary>
internal sealed record SpeechAsk(string Input, string Voice, string Format, double Speed, JobRow Job);

/// <summary>A source's answer: the whole audio, or a writer that streams it into the response body.</summary>
internal sealed record SpeechAnswer(byte[]? Audio, Func<Stream, CancellationToken, Task>? Stream);

using Mediagate.Http;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Api;

/// <summary>What a client is told when HeyGen failed on the server's side, and what the log keeps.</summary>
/// <remarks>
/// A 5xx or an unexpected answer from upstream can carry anything (another account's details, internal hosts, echoed headers),
/// so its body goes to the log, scrubbed of secrets, and the 502 says only what kind of failure it was.
/// </remarks>
internal static class UpstreamFailure
{
    public static string ForClient(ProviderException ex, ILogger log)
    {
        log.LogWarning("{Provider} failed ({Failure}): {Message}", ex.Provider, ex.Failure, SecretScrubber.Scrub(ex.Message, []));
        var status = ex.Status is { } code ? $" HTTP {(int)code}" : "";
        return ex.Failure switch
        {
            ProviderFailure.ServerError => $"{ex.Provider} answered{status}; its answer is in the gateway's log. Try again later.",
            ProviderFailure.BadResponse => $"{ex.Provider}'s answer was not what the gateway expects; it is in the gateway's log. Try again later.",
            ProviderFailure.TimedOut => $"{ex.Provider} did not answer in time (details in the gateway's log). Try again later.",
            ProviderFailure.Unreachable => $"{ex.Provider} could not be reached (details in the gateway's log). Try again later.",
            _ => $"{ex.Provider} failed (details in the gateway's log). Try again later.",
        };
    }
}

using Mediagate.Http;
using Mediagate.Server.Accounts;
using Mediagate.Server.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Jobs;

/// <summary>
/// Runs the work of a job that holds a slot, then releases the slot with the outcome whatever happened, and queues the webhook.
/// Sync jobs run on the request; async ones in the background until they end or the gateway stops.
/// </summary>
internal sealed class JobRunner(SlotPool pool, WebhookSender webhooks, IHostApplicationLifetime lifetime, ILogger<JobRunner> log)
{
    /// <summary>Runs <paramref name="work"/> now; its failure becomes an <see cref="ApiException"/> with the matching status.</summary>
    public Task<T> RunAsync<T>(Lease lease, Func<CancellationToken, Task<(T Result, string Response)>> work, CancellationToken cancellationToken) =>
        RunMeteredAsync(lease, async ct =>
        {
            var (result, response) = await work(ct);
            return (result, response, (double?)null);
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> now and records the seconds of audio it made on the job, for metering.</summary>
    public async Task<T> RunMeteredAsync<T>(Lease lease, Func<CancellationToken, Task<(T Result, string Response, double? Seconds)>> work, CancellationToken cancellationToken)
    {
        var (result, failure) = await ExecuteAsync(lease, work, cancellationToken);
        return failure is null ? result! : throw failure;
    }

    /// <summary>Starts <paramref name="work"/> in the background; the job row says how it ended.</summary>
    public void Start(Lease lease, Func<CancellationToken, Task<(string Response, double? Seconds)>> work)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await pool.StartAsync(lease.JobId, CancellationToken.None);
                await ExecuteAsync(lease, async ct =>
                {
                    var (response, seconds) = await work(ct);
                    return (0, response, seconds);
                }, lifetime.ApplicationStopping);
            }
            catch (Exception ex)
            {
                log.LogError("Async job {JobId} could not be finished: {Reason}", lease.JobId, ex.Message);
            }
        });
    }

    private async Task<(T? Result, ApiException? Failure)> ExecuteAsync<T>(Lease lease, Func<CancellationToken, Task<(T Result, string Response, double? Seconds)>> work, CancellationToken cancellationToken)
    {
        JobOutcome outcome;
        T? result = default;
        ApiException? failure = null;
        try
        {
            (result, var response, var seconds) = await work(cancellationToken);
            outcome = JobOutcome.Completed(response, seconds);
        }
        catch (Exception ex)
        {
            failure = FailureOf(ex, cancellationToken);
            outcome = JobOutcome.Failed(failure.Status, failure.Message);
        }
        if (await pool.ReleaseAsync(lease, outcome, CancellationToken.None) && lease.Webhook && failure?.Status != 499)
        {
            webhooks.Enqueue(lease.JobId);
        }
        return (result, failure);
    }

    private ApiException FailureOf(Exception ex, CancellationToken cancellationToken)
    {
        switch (ex)
        {
            case ApiException api:
                return api;
            case AccountUnusableException unusable:
                return new ApiException(ApiErrors.SessionBroken, unusable.Message);
            case ProviderException provider:
                var status = provider.Failure switch
                {
                    ProviderFailure.KeyRejected => ApiErrors.SessionBroken,
                    ProviderFailure.OutOfCredits => StatusCodes.Status412PreconditionFailed,
                    ProviderFailure.RateLimited => StatusCodes.Status429TooManyRequests,
                    ProviderFailure.Refused => StatusCodes.Status400BadRequest,
                    _ => StatusCodes.Status502BadGateway,
                };
                // A refusal (4xx) is about the caller's own request and says how to fix it; a 502 keeps upstream's words in the log.
                return new ApiException(status, status == StatusCodes.Status502BadGateway ? UpstreamFailure.ForClient(provider, log) : provider.Message);
            case OperationCanceledException when lifetime.ApplicationStopping.IsCancellationRequested:
                return new ApiException(StatusCodes.Status503ServiceUnavailable, "the gateway stopped before the job finished; send the request again");
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return new ApiException(499, "the client closed the connection before the job finished");
            default:
                log.LogError("Job failed unexpectedly with {Type}", ex.GetType().Name);
                return new ApiException(StatusCodes.Status500InternalServerError, "the gateway failed unexpectedly; see its log");
        }
    }
}

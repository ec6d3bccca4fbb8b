using System.Text.Json;
using System.Threading.Channels;
using Mediagate.Server.Security;
using Mediagate.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Mediagate.Server.Jobs;

/// <summary>
/// POSTs a finished job to its <c>replyUrl</c>: the body is the job as <c>GET /jobs/{jobid}</c> shows it, signed as
/// <see cref="WebhookSignature"/> says. Each destination has its own queue (<see cref="HostQueues"/>), so a dead receiver
/// delays only its own deliveries. A non-2xx answer or a failed connection is retried with backoff (Polly); every attempt is
/// recorded with the kind of failure, never the socket's words (they name addresses and ports).
/// </summary>
internal sealed class WebhookSender(GatewayStore store, SecretBox box, DeliveryMark mark, IHttpClientFactory http, TimeProvider time, GatewayOptions options, ILogger<WebhookSender> log)
    : BackgroundService
{
    public const string SignatureHeader = WebhookSignature.Header;

    /// <summary>The named <see cref="HttpClient"/> for deliveries: no redirects (a receiver cannot bounce a signed body elsewhere), no proxy, 10 s per attempt.</summary>
    public const string HttpClientName = "webhooks";

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly HostQueues _hosts = new(options.WebhookConcurrencyPerHost);

    /// <summary>Retries a refused delivery after each of the configured waits; the attempts themselves are counted by the caller.</summary>
    private readonly ResiliencePipeline _retries = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.WebhookBackoff.Count),
            ShouldHandle = new PredicateBuilder().Handle<WebhookRefusedException>(),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(options.WebhookBackoff.Count == 0
                ? TimeSpan.Zero
                : options.WebhookBackoff[Math.Min(args.AttemptNumber, options.WebhookBackoff.Count - 1)]),
        })
        .Build();

    /// <summary>Registers the named HTTP client, whose connections go only to addresses <see cref="WebhookDestinations"/> checked.</summary>
    public static void AddHttpClient(IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, client => client.Timeout = AttemptTimeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false, // A proxy would connect on our behalf to an address nobody checked.
                ConnectCallback = sp.GetRequiredService<WebhookDestinations>().ConnectAsync,
            })
            .RemoveAllLoggers();

    public void Enqueue(string jobId) => _queue.Writer.TryWrite(jobId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var jobId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (await PrepareAsync(jobId, stoppingToken) is { } delivery)
                    {
                        _hosts.Run(delivery.Destination, () => DeliverAsync(delivery, stoppingToken));
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning("The webhook of job {JobId} could not be prepared: {Reason}", jobId, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: webhooks still queued stay "pending" in the jobs table.
        }
    }

    private async Task<Delivery?> PrepareAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var db = store.Create();
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.JobId == jobId, cancellationToken);
        if (job?.ReplyUrl is null || !Uri.TryCreate(job.ReplyUrl, UriKind.Absolute, out var url))
        {
            return null;
        }
        var tokenId = job.TokenId;
        var protectedSecret = await db.Tokens.Where(t => t.Id == tokenId).Select(t => t.WebhookSecret).FirstOrDefaultAsync(cancellationToken);
        var body = JsonSerializer.SerializeToUtf8Bytes(JobView.Of(job), GatewayJson.Options);
        var secret = protectedSecret is null ? null : box.UnprotectWebhookSecret(protectedSecret);
        return new Delivery(job.JobId, url, $"{url.Scheme}://{url.IdnHost}:{url.Port}", body, secret);
    }

    private async Task DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var state = "delivered";
        try
        {
            var client = http.CreateClient(HttpClientName);
            await _retries.ExecuteAsync(async ct =>
            {
                attempt++;
                var (status, error) = await AttemptAsync(client, delivery, ct);
                await RecordAsync(delivery.JobId, attempt, status, error);
                if (error is not null)
                {
                    throw new WebhookRefusedException(error);
                }
            }, cancellationToken);
        }
        catch (WebhookRefusedException ex)
        {
            state = "failed";
            log.LogWarning("The webhook of job {JobId} failed after {Attempts} attempts: {Reason}", delivery.JobId, attempt, ex.Message);
        }
        catch (OperationCanceledException)
        {
            return; // Stopping: the webhook stays "pending".
        }
        catch (Exception ex)
        {
            state = "failed";
            log.LogWarning("The webhook of job {JobId} could not be delivered: {Reason}", delivery.JobId, ex.Message);
        }
        try
        {
            await using var done = store.Create();
            await done.Jobs.Where(j => j.JobId == delivery.JobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Webhook, state), CancellationToken.None);
        }
        catch (Exception ex)
        {
            log.LogWarning("The webhook state of job {JobId} could not be saved: {Reason}", delivery.JobId, ex.Message);
        }
    }

    private async Task<(int? Status, string? Error)> AttemptAsync(HttpClient client, Delivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(delivery.Body) };
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation(DeliveryMark.JobHeader, delivery.JobId);
            request.Headers.TryAddWithoutValidation(DeliveryMark.Header, mark.For(delivery.JobId));
            if (delivery.Secret is not null)
            {
                request.Headers.TryAddWithoutValidation(SignatureHeader, WebhookSignature.Sign(delivery.Secret, time.GetUtcNow(), delivery.Body));
            }
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return (status, response.IsSuccessStatusCode ? null : $"the receiver answered {status}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "no answer within 10 s");
        }
        catch (HttpRequestException ex)
        {
            return (null, FailureClass(ex));
        }
    }

    /// <summary>What kind of failure it was, in words that name no address or port.</summary>
    private static string FailureClass(HttpRequestException ex) => ex switch
    {
        { InnerException: WebhookDestinationException refused } => "the destination is not allowed: " + refused.Message,
        { HttpRequestError: HttpRequestError.NameResolutionError } => "the host name could not be resolved",
        { HttpRequestError: HttpRequestError.ConnectionError } => "could not connect",
        { HttpRequestError: HttpRequestError.SecureConnectionError } => "the TLS handshake failed",
        { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded } => "the receiver's answer was not valid HTTP",
        _ => "the connection failed",
    };

    private async Task RecordAsync(string jobId, int attempt, int? status, string? error)
    {
        await using var db = store.Create();
        db.Deliveries.Add(new DeliveryRow { JobId = jobId, Attempt = attempt, At = time.GetUtcNow().ToUnixTimeMilliseconds(), StatusCode = status, Error = error });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private sealed record Delivery(string JobId, Uri Url, string Destination, byte[] Body, string? Secret);

    private sealed class WebhookRefusedException(string message) : Exception(message);
}

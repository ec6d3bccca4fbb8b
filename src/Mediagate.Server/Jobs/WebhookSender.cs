using System.Security.Cryptography;
using System.Text;
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
/// POSTs a finished job to its <c>replyUrl</c>: the body is the job as <c>GET /jobs/{jobid}</c> shows it, signed with
/// <c>X-Mediagate-Signature: sha256=HEX</c> (HMAC-SHA256 of the body with the token's webhook secret). A non-2xx answer or
/// a failed connection is retried with backoff (Polly); every attempt is recorded.
/// </summary>
internal sealed class WebhookSender(GatewayStore store, SecretBox box, IHttpClientFactory http, TimeProvider time, GatewayOptions options, ILogger<WebhookSender> log)
    : BackgroundService
{
    public const string SignatureHeader = "X-Mediagate-Signature";

    /// <summary>The named <see cref="HttpClient"/> for deliveries: no redirects (a receiver cannot bounce a signed body elsewhere), 10 s per attempt.</summary>
    public const string HttpClientName = "webhooks";

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _parallel = new(16, 16);

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

    /// <summary>Registers the named HTTP client, with its handler and timeout.</summary>
    public static void AddHttpClient(IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, client => client.Timeout = AttemptTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();

    public void Enqueue(string jobId) => _queue.Writer.TryWrite(jobId);

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var jobId in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await _parallel.WaitAsync(stoppingToken);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await DeliverAsync(jobId, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        log.LogWarning("The webhook of job {JobId} could not be delivered: {Reason}", jobId, ex.Message);
                    }
                    finally
                    {
                        _parallel.Release();
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: webhooks still queued stay "pending" in the jobs table.
        }
    }

    private async Task DeliverAsync(string jobId, CancellationToken cancellationToken)
    {
        JobRow? job;
        string? protectedSecret;
        await using (var db = store.Create())
        {
            job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.JobId == jobId, cancellationToken);
            if (job?.ReplyUrl is null)
            {
                return;
            }
            var tokenId = job.TokenId;
            protectedSecret = await db.Tokens.Where(t => t.Id == tokenId).Select(t => t.WebhookSecret).FirstOrDefaultAsync(cancellationToken);
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(JobView.Of(job), GatewayJson.Options);
        var signature = protectedSecret is null ? null : Sign(box.UnprotectWebhookSecret(protectedSecret), body);
        var client = http.CreateClient(HttpClientName);
        var attempt = 0;
        var state = "delivered";
        try
        {
            await _retries.ExecuteAsync(async ct =>
            {
                attempt++;
                int? status = null;
                string? error = null;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, job.ReplyUrl) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
                    request.Headers.TryAddWithoutValidation("X-Mediagate-Job", job.JobId);
                    if (signature is not null)
                    {
                        request.Headers.TryAddWithoutValidation(SignatureHeader, signature);
                    }
                    using var response = await client.SendAsync(request, ct);
                    status = (int)response.StatusCode;
                    if (!response.IsSuccessStatusCode)
                    {
                        error = $"the receiver answered {status}";
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    error = ex is TaskCanceledException ? "no answer within 10 s" : "could not connect: " + ex.Message;
                }
                await RecordAsync(job.JobId, attempt, status, error);
                if (error is not null)
                {
                    throw new WebhookRefusedException(error);
                }
            }, cancellationToken);
        }
        catch (WebhookRefusedException ex)
        {
            state = "failed";
            log.LogWarning("The webhook of job {JobId} failed after {Attempts} attempts: {Reason}", job.JobId, attempt, ex.Message);
        }
        await using var done = store.Create();
        await done.Jobs.Where(j => j.JobId == job.JobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.Webhook, state), CancellationToken.None);
    }

    private async Task RecordAsync(string jobId, int attempt, int? status, string? error)
    {
        await using var db = store.Create();
        db.Deliveries.Add(new DeliveryRow { JobId = jobId, Attempt = attempt, At = time.GetUtcNow().ToUnixTimeMilliseconds(), StatusCode = status, Error = error });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private sealed class WebhookRefusedException(string message) : Exception(message);
}

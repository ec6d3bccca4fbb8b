using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mediagate.Server.Api;
using Mediagate.Server.Storage;

namespace Mediagate.Server.Jobs;

/// <summary>A job as <c>GET /v1/heygen/jobs/{jobid}</c> and its webhook show it.</summary>
/// <param name="Jobid">The job's id.</param>
/// <param name="Verb">What the job does: <c>tts</c> or <c>speech</c>.</param>
/// <param name="Status">created, started, completed or failed.</param>
/// <param name="Created">When it was created (ISO 8601, UTC).</param>
/// <param name="Updated">When it last changed (ISO 8601, UTC).</param>
/// <param name="Email">The account it runs on.</param>
/// <param name="Request">The request as it was accepted.</param>
/// <param name="Response">The answer, once completed: for tts, the tts/create 200 body.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Code">The HTTP status of the failure.</param>
/// <param name="ReplyUrl">Where the webhook goes.</param>
/// <param name="ReplyRef">Returned with the webhook.</param>
/// <param name="Webhook">The webhook's delivery (GET only, not in the webhook itself).</param>
internal sealed record JobView(
    string Jobid,
    string Verb,
    string Status,
    string Created,
    string Updated,
    string? Email,
    JsonElement Request,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Response,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: WrittenWith(nameof(JobView.Error))] int? Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReplyUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReplyRef,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JobWebhook? Webhook)
{
    /// <summary>The view of a job; with <paramref name="deliveries"/> (GET), its webhook attempts too when it has a replyUrl.</summary>
    public static JobView Of(JobRow job, IEnumerable<DeliveryRow>? deliveries = null) => new(
        job.JobId,
        job.Kind,
        job.Status,
        Iso(job.CreatedAt),
        Iso(job.UpdatedAt),
        job.Email,
        JsonSerializer.Deserialize<JsonElement>(job.Request),
        job.Response is { } response ? JsonSerializer.Deserialize<JsonElement>(response) : null,
        job.Error,
        job.ErrorCode,
        job.ReplyUrl,
        job.ReplyRef,
        deliveries is not null && job.ReplyUrl is not null
            ? new JobWebhook(job.Webhook, [.. deliveries.OrderBy(d => d.Attempt).Select(d => new WebhookAttempt(d.Attempt, Iso(d.At), d.StatusCode, d.Error))])
            : null);

    public static string Iso(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>How a job's webhook went.</summary>
/// <param name="State">pending, delivered or failed; null before the job ends.</param>
/// <param name="Attempts">Every attempt, in order.</param>
internal sealed record JobWebhook(string? State, IReadOnlyList<WebhookAttempt> Attempts);

/// <summary>One POST of a webhook.</summary>
/// <param name="Attempt">1 for the first.</param>
/// <param name="At">When (ISO 8601, UTC).</param>
/// <param name="Status">The receiver's HTTP status, if it answered.</param>
/// <param name="Error">Why the attempt failed.</param>
internal sealed record WebhookAttempt(int Attempt, string At, int? Status, string? Error);

using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;

namespace Mediagate.Http;

/// <summary>
/// The one way every provider client calls out: a per-attempt timeout that covers the body, retries with exponential backoff
/// and jitter on 429, 5xx, timeouts and connection failures (Polly), <c>Retry-After</c> honoured, bodies read with a size cap,
/// and every error scrubbed of secrets and worded by kind (401 "key rejected", 402 "out of credits", never swallowed).
/// </summary>
public sealed class ProviderHttp
{
    /// <summary>The default cap for JSON answers: 1 MiB.</summary>
    public const int JsonLimit = 1024 * 1024;

    /// <summary>The cap for answers that carry audio (downloads, base64 audio in JSON): 256 MiB.</summary>
    public const int AudioLimit = 256 * 1024 * 1024;

    private const int ErrorBodyLimit = 64 * 1024;

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<ProviderResponse> _pipeline;
    private readonly TimeProvider _time;

    /// <summary>Creates the caller for one provider.</summary>
    /// <param name="http">The shared client.</param>
    /// <param name="provider">The provider's name in messages, e.g. HeyGen.</param>
    /// <param name="policy">Retries and timeouts; <see cref="RetryPolicy.Default"/> when null.</param>
    /// <param name="time">The clock for backoff delays (tests pass one whose waits take no time).</param>
    public ProviderHttp(HttpClient http, string provider, RetryPolicy? policy = null, TimeProvider? time = null)
    {
        _http = http;
        Provider = provider;
        Policy = policy ?? RetryPolicy.Default;
        _time = time ?? TimeProvider.System;
        var builder = new ResiliencePipelineBuilder<ProviderResponse> { TimeProvider = _time };
        if (Policy.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<ProviderResponse>
            {
                MaxRetryAttempts = Policy.MaxRetries,
                Delay = Policy.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            });
        }
        _pipeline = builder.Build();
    }

    /// <summary>The provider's name in messages.</summary>
    public string Provider { get; }

    /// <summary>The retries and timeouts in force.</summary>
    public RetryPolicy Policy { get; }

    /// <summary>Sends the request that <paramref name="makeRequest"/> builds (once per attempt) and returns the successful answer.</summary>
    /// <param name="makeRequest">Builds a fresh request; called again for each retry.</param>
    /// <param name="secrets">Values to scrub from any error text.</param>
    /// <param name="cancellationToken">Stops the call and its retries.</param>
    /// <param name="limit">The largest body accepted.</param>
    /// <exception cref="ProviderException">The call failed after its retries, or the body was too large.</exception>
    public async Task<ProviderResponse> SendAsync(Func<HttpRequestMessage> makeRequest, IReadOnlyList<string?> secrets, CancellationToken cancellationToken, int limit = JsonLimit)
    {
        var attempts = 0;
        ProviderResponse response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                return await AttemptAsync(makeRequest, limit, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException(Provider, ProviderFailure.Unreachable,
                $"could not reach {Provider}: {SecretScrubber.Scrub(ex.Message, secrets)}", inner: ex);
        }
        catch (TimeoutException ex)
        {
            var tries = attempts > 1 ? $", {attempts} attempts" : string.Empty;
            throw new ProviderException(Provider, ProviderFailure.TimedOut,
                $"{Provider} did not answer within {Policy.AttemptTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s{tries}", inner: ex);
        }
        if (!response.IsSuccess)
        {
            throw ProviderException.FromStatus(Provider, response.Status, SecretScrubber.Scrub(response.Text, secrets), attempts);
        }
        return response;
    }

    /// <summary>Sends the request and parses the successful answer as a JSON object.</summary>
    /// <exception cref="ProviderException">The call failed, or the answer is not a JSON object.</exception>
    public async Task<JsonObject> SendJsonAsync(Func<HttpRequestMessage> makeRequest, IReadOnlyList<string?> secrets, CancellationToken cancellationToken, int limit = JsonLimit)
    {
        var response = await SendAsync(makeRequest, secrets, cancellationToken, limit).ConfigureAwait(false);
        try
        {
            return response.JsonObject();
        }
        catch (JsonException ex)
        {
            var text = response.Text;
            throw BadResponse($"the answer is not the expected JSON: {SecretScrubber.Scrub(text.Length > 200 ? text[..200] : text, secrets)}", ex);
        }
    }

    /// <summary>A UTF-8 JSON request body.</summary>
    public static HttpContent JsonContent(JsonNode body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, JsonNodeContext.Default.JsonNode));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>An error for a successful answer whose content is wrong.</summary>
    public ProviderException BadResponse(string problem, Exception? inner = null) =>
        new(Provider, ProviderFailure.BadResponse, $"{Provider}: {problem}", inner: inner);

    private bool ShouldRetry(Outcome<ProviderResponse> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutException;
        }
        var response = outcome.Result!;
        var code = (int)response.Status;
        var transient = code is 429 or 500 or 502 or 503 or 504;
        return transient && (response.RetryAfter is not { } wait || wait <= Policy.MaxRetryAfter);
    }

    private async Task<ProviderResponse> AttemptAsync(Func<HttpRequestMessage> makeRequest, int limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Policy.AttemptTimeout);
        try
        {
            using var request = makeRequest();
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var success = response.IsSuccessStatusCode;
            // A success must fit the cap; an error body is only quoted, so it is simply cut.
            var body = success
                ? await HttpBody.ReadAsync(response, limit, declared => BadResponse(declared is { } bytes
                    ? $"the answer is {bytes / 1024} KiB, more than the {limit / 1024} KiB allowed"
                    : $"the answer is larger than the {limit / 1024} KiB allowed"), timeout.Token).ConfigureAwait(false)
                : await HttpBody.ReadAsync(response, ErrorBodyLimit, null, timeout.Token).ConfigureAwait(false);
            return new ProviderResponse(
                response.StatusCode,
                response.Content.Headers.ContentType?.MediaType,
                HttpBody.RetryAfter(response.Headers, _time.GetUtcNow()),
                body);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Provider} did not answer in time", ex);
        }
    }
}

/// <summary>Source-generated metadata for writing JSON nodes, so request bodies need no reflection.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonNode))]
internal sealed partial class JsonNodeContext : System.Text.Json.Serialization.JsonSerializerContext;

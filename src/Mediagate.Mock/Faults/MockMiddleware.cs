using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mediagate.Mock.Faults;

/// <summary>Records each request, counts requests in flight per credential, and applies injected faults before the real route runs.</summary>
internal sealed class MockMiddleware
{
    private readonly RequestDelegate _next;
    private readonly MockState _state;

    public MockMiddleware(RequestDelegate next, MockState state)
    {
        _next = next;
        _state = state;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_mock", StringComparison.Ordinal))
        {
            await _next(context);
            return;
        }
        context.Request.EnableBuffering();
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;
        _state.Record(new RecordedRequest(
            _state.Time.GetUtcNow(),
            context.Request.Method,
            path,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));

        var key = CredentialOf(context.Request);
        var counted = key ?? "(none)";
        _state.Enter(counted);
        try
        {
            if (_state.TakeFault(path, key) is { } fault && await ApplyAsync(fault, context))
            {
                return;
            }
            await _next(context);
        }
        finally
        {
            _state.Leave(counted);
        }
    }

    /// <summary>The credential a request carries, in any provider's style.</summary>
    internal static string? CredentialOf(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() is { Length: > 7 } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return auth[7..].Trim();
        }
        foreach (var header in new[] { "X-Api-Key", "xi-api-key", "x-goog-api-key" })
        {
            if (request.Headers[header].ToString() is { Length: > 0 } value)
            {
                return value;
            }
        }
        return request.Query["key"].ToString() is { Length: > 0 } query ? query : null;
    }

    /// <summary>Applies the fault; returns false when the request should then proceed (latency).</summary>
    private static async Task<bool> ApplyAsync(FaultRule fault, HttpContext context)
    {
        var response = context.Response;
        if (fault.RetryAfterSeconds is { } retry)
        {
            response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        switch (fault.Kind)
        {
            case FaultKind.Latency:
                await Task.Delay(fault.DelayMs, context.RequestAborted);
                return false;
            case FaultKind.MalformedJson:
                response.StatusCode = 200;
                response.ContentType = "application/json";
                await response.WriteAsync("{\"data\": {\"email\": <<not json", context.RequestAborted);
                return true;
            case FaultKind.TruncatedBody:
                response.StatusCode = 200;
                response.ContentType = "application/json";
                await response.WriteAsync("{\"code\":100,\"data\":{\"email\":\"trunc", context.RequestAborted);
                return true;
            default:
                if (fault.DelayMs > 0)
                {
                    await Task.Delay(fault.DelayMs, context.RequestAborted);
                }
                response.StatusCode = fault.Status;
                response.ContentType = "application/json";
                await response.WriteAsync(ErrorBodies.For(context.Request.Path.Value ?? "/", fault.Status), context.RequestAborted);
                return true;
        }
    }
}

using Mediagate.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server.Api;

/// <summary>
/// Turns refusals into their 4xx bodies, and anything unexpected into a 500 whose body names no secret and no stack.
/// Kestrel's own refusals (a body over the limit, a broken request) keep their status codes.
/// </summary>
internal sealed class ApiExceptionMiddleware(RequestDelegate next, ILogger<ApiExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            await ApiErrors.Error(ex.Status, ex.Message).ExecuteAsync(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var message = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "the request body is too large; send at most the configured Gateway:MaxRequestBodyBytes"
                : "the request is malformed: " + ex.Message;
            await ApiErrors.Error(ex.StatusCode, message).ExecuteAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            logger.LogError("Unhandled {Type} on {Method} {Path}: {Message}", ex.GetType().Name, context.Request.Method, context.Request.Path, SecretScrubber.Scrub(ex.Message, []));
            await ApiErrors.Error(StatusCodes.Status500InternalServerError, "the gateway failed unexpectedly; see its log").ExecuteAsync(context);
        }
    }
}

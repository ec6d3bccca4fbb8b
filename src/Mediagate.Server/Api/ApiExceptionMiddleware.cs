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
            await ErrorAsync(context, ex.Status, ex.Message);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var message = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "the request body is too large; send at most the configured Gateway:MaxRequestBodyBytes"
                : "the request is malformed: " + ex.Message;
            await ErrorAsync(context, ex.StatusCode, message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            logger.LogError("Unhandled {Type} on {Method} {Path}: {Message}", ex.GetType().Name, context.Request.Method, context.Request.Path, SecretScrubber.Scrub(ex.Message, []));
            await ErrorAsync(context, StatusCodes.Status500InternalServerError, "the gateway failed unexpectedly; see its log");
        }
    }

    /// <summary>The error in useapi.net's shape, or in HeyGen's on the <c>/v3</c> routes.</summary>
    private static Task ErrorAsync(HttpContext context, int status, string message) =>
        context.Request.Path.StartsWithSegments("/v3")
            ? HeyGenV3.HeyGenError.Result(status, message).ExecuteAsync(context)
            : ApiErrors.Error(status, message).ExecuteAsync(context);
}

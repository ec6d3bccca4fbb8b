using Mediagate.Platform;
using Mediagate.Server.Accounts;
using Mediagate.Server.Api;
using Mediagate.Server.Jobs;
using Mediagate.Server.OpenAi;
using Mediagate.Server.Security;
using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;
using Mediagate.Server.Tts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mediagate.Server;

/// <summary>The gateway's table of contents: its services and its routes.</summary>
internal static class GatewayApp
{
    /// <summary>
    /// The host argument that turns off watching the working directory for appsettings changes. That watch is recursive: it
    /// costs a wakeup for every database write when the data directory is below it, and inotify handles for a home directory.
    /// </summary>
    public const string NoConfigReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>Registers everything the gateway needs, for the options read from the builder's configuration.</summary>
    public static GatewayOptions AddGateway(this WebApplicationBuilder builder, EnvironmentVariables environment)
    {
        var options = GatewayOptions.From(builder.Configuration, environment);
        var services = builder.Services;
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        // The key ring is protected by its 0600 files rather than an XML encryptor; the warning about that is expected.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(GatewayStore.Open(options));
        SecretBox.AddTo(services, options.DataDirectory);
        services.AddSingleton<InstanceIdentity>();
        Upstream.AddHttpClient(services);
        services.AddSingleton<Upstream>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<FailedAuthLimiter>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<SessionKeeper>();
        services.AddSingleton<LoginLimiter>();
        services.AddSingleton<SlotPool>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<SpeechCalls>();
        services.AddSingleton<VoiceCatalog>();
        WebhookSender.AddHttpClient(services);
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<Sweeper>();
        services.AddHostedService<GatewayStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<Sweeper>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        services.ConfigureHttpJsonOptions(json => GatewayJson.CopyTo(json.SerializerOptions));
        services.AddOpenApi(openApi => openApi.AddSchemaTransformer<LeftOutFields>());
        return options;
    }

    /// <summary>Maps the routes: health and OpenAPI in the open, everything under <c>/v1</c> behind an API token.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseMiddleware<ApiExceptionMiddleware>();
        app.UseStatusCodePages(context => EmptyErrorAsync(context.HttpContext));
        app.MapOpenApi();
        app.MapGet("/healthz", HealthAsync).WithTags("Health").ExcludeFromDescription();
        // Every route can also answer 500 (ApiExceptionMiddleware) with the same body.
        var v1 = app.MapGroup("/v1").RequireToken().ProducesErrors(StatusCodes.Status500InternalServerError);
        v1.MapAccounts();
        v1.MapTts();
        v1.MapJobs();
        v1.MapOpenAiSpeech();
        return app;
    }

    /// <summary>Gives the framework's own bodiless refusals (unknown route, wrong method, wrong media type) a useapi.net error body.</summary>
    private static Task EmptyErrorAsync(HttpContext http)
    {
        var request = http.Request;
        var message = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"there is no route {request.Method} {request.Path}; the routes are listed at /openapi/v1.json",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}; the routes are listed at /openapi/v1.json",
            StatusCodes.Status415UnsupportedMediaType => $"Content-Type {request.ContentType ?? "(none)"} is not accepted; send application/json or multipart/form-data",
            var status => ReasonPhrases.GetReasonPhrase(status),
        };
        return ApiErrors.Error(http.Response.StatusCode, message).ExecuteAsync(http);
    }

    private static async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> HealthAsync(GatewayStore store, InstanceIdentity instance, HttpContext http)
    {
        try
        {
            await using var db = store.Create();
            var accounts = await db.Accounts.CountAsync(http.RequestAborted);
            return TypedResults.Ok(new HealthView("ok", store.IsPostgres ? "postgresql" : "sqlite", instance.Id, accounts));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return TypedResults.Json(new HealthView("unavailable", Error: "the database cannot be reached: " + ex.GetType().Name), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

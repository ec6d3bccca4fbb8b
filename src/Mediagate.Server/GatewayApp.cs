using Mediagate.Platform;
using Mediagate.Server.Accounts;
using Mediagate.Server.Api;
using Mediagate.Server.HeyGenV3;
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
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;

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
        services.AddSingleton<SlotSignals>();
        services.AddSingleton<SlotPool>();
        services.AddSingleton<OpenAi.SpeechAdmission>();
        services.AddSingleton<OpenAi.KokoroSpeechSource>();
        services.AddSingleton<OpenAi.LocalSpeechSource>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<SpeechCalls>();
        services.AddSingleton<VoiceCatalog>();
        services.AddHeyGenV3();
        WebhookSender.AddHttpClient(services);
        services.TryAddSingleton<IHostResolver, SystemHostResolver>();
        services.AddSingleton<WebhookDestinations>();
        services.AddSingleton<DeliveryMark>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<Sweeper>();
        services.AddHostedService<GatewayStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<Sweeper>());
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        services.ConfigureHttpJsonOptions(json => GatewayJson.CopyTo(json.SerializerOptions));
        services.AddOpenApi(openApi => openApi.AddSchemaTransformer<LeftOutFields>().AddDocumentTransformer((document, _, _) =>
        {
            // The servers come from configuration: the Host header is the caller's to write.
            document.Servers = options.PublicUrl is { } url ? [new OpenApiServer { Url = url.ToString().TrimEnd('/') }] : [];
            return Task.CompletedTask;
        }));
        return options;
    }

    /// <summary>Maps the routes: health and OpenAPI in the open, everything under <c>/v1</c> behind an API token.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<GatewayOptions>();
        if (options.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders(ForwardedHeaders(options));
        }
        app.UseMiddleware<ApiExceptionMiddleware>();
        app.UseStatusCodePages(context => EmptyErrorAsync(context.HttpContext));
        app.MapOpenApi();
        app.MapHealth();
        // Every route can also answer 500 (ApiExceptionMiddleware) with the same body.
        var v1 = app.MapGroup("/v1").RequireToken().ProducesErrors(StatusCodes.Status500InternalServerError);
        v1.MapAccounts();
        v1.MapTts();
        v1.MapJobs();
        v1.MapOpenAiSpeech();
        v1.MapUsage();
        app.MapHeyGenV3();
        return app;
    }

    /// <summary>X-Forwarded-For names the client only when the connection comes from a configured proxy; ASP.NET's loopback defaults are cleared.</summary>
    private static ForwardedHeadersOptions ForwardedHeaders(GatewayOptions options)
    {
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor, ForwardLimit = null };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        foreach (var network in options.KnownProxies)
        {
            forwarded.KnownIPNetworks.Add(network);
        }
        return forwarded;
    }

    /// <summary>Gives the framework's own bodiless refusals (unknown route, wrong method, wrong media type) a useapi.net error body.</summary>
    private static Task EmptyErrorAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/v3"))
        {
            // HeyGen's clients read HeyGen's error shape.
            return HeyGenError.Result(http.Response.StatusCode, http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"there is no route {request.Method} {request.Path} on this gateway; it serves /v3/users/me, /v3/voices, /v3/voices/speech, /v3/voices/clone, /v3/voices/{{id}} and /v3/audio/sounds",
                StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}",
                StatusCodes.Status415UnsupportedMediaType => $"Content-Type {request.ContentType ?? "(none)"} is not accepted; send application/json",
                var other => ReasonPhrases.GetReasonPhrase(other),
            }).ExecuteAsync(http);
        }
        var message = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"there is no route {request.Method} {request.Path}; the routes are listed at /openapi/v1.json",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}; the routes are listed at /openapi/v1.json",
            StatusCodes.Status415UnsupportedMediaType => $"Content-Type {request.ContentType ?? "(none)"} is not accepted; send application/json or multipart/form-data",
            var status => ReasonPhrases.GetReasonPhrase(status),
        };
        return ApiErrors.Error(http.Response.StatusCode, message).ExecuteAsync(http);
    }
}

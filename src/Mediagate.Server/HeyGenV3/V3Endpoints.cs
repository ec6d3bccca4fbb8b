using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mediagate.Server.HeyGenV3;

/// <summary>HeyGen's own <c>/v3</c> routes on the gateway, for HeyGen's clients (HyperFrames, the heygen CLI, Mediagate), through the tenant's pool.</summary>
internal static class V3Endpoints
{
    /// <summary>Registers the <c>/v3</c> services.</summary>
    public static IServiceCollection AddHeyGenV3(this IServiceCollection services)
    {
        MediaHosts.AddHttpClient(services);
        return services
        .AddSingleton<MediaHosts>()
        .AddSingleton<LargeBodies>()
        .AddSingleton<V3Upstream>()
        .AddSingleton<SlotWaits>()
        .AddSingleton<V3Calls>()
        .AddSingleton<CloneStore>()
        .AddSingleton<VoiceAccess>()
        .AddSingleton<MediaSigner>()
        .AddSingleton<MediaCache>()
        .AddSingleton<MediaLinks>();
    }

    /// <summary>Maps <c>/v3</c>: the media downloads in the open (their signature is the credential), the rest behind a gateway token.</summary>
    public static WebApplication MapHeyGenV3(this WebApplication app)
    {
        // HeyGen documents these routes itself; the gateway's OpenAPI document stays the useapi.net-compatible /v1.
        app.MapMedia().ExcludeFromDescription();
        var v3 = app.MapGroup("/v3").AddEndpointFilter<V3Filter>().WithTags("HeyGen v3").ExcludeFromDescription();
        v3.MapGet("/users/me", UsersMeRoute.GetAsync).WithSummary("HeyGen's user shape for the tenant, with data.mediagate: its accounts and free capacity.");
        v3.MapPost("/voices/speech", SpeechRoute.SpeakAsync).WithSummary("HeyGen speech on a pooled account; audio_url is the gateway's signed media URL.");
        v3.MapGet("/voices", VoiceListRoute.ListAsync).WithSummary("HeyGen's voices (engine, type=public|private, limit, token); private: the tenant's clones.");
        v3.MapPost("/voices/clone", CloneRoute.CloneAsync).WithSummary("Clones a voice on a pooled account, recorded as the tenant's.");
        v3.MapGet("/voices/{id}", VoiceRoutes.GetAsync).WithSummary("One voice or clone (a clone is asked of the account it lives on).");
        v3.MapDelete("/voices/{id}", VoiceRoutes.DeleteAsync).WithSummary("Deletes the tenant's clone.");
        v3.MapGet("/audio/sounds", SoundsRoute.SearchAsync).WithSummary("HeyGen's music and sound-effect search; audio_url is the gateway's signed media URL.");
        return app;
    }
}

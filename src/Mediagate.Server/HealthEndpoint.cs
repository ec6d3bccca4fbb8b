using Mediagate.Server.Jobs;
using Mediagate.Server.Storage;
using Mediagate.Server.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Mediagate.Server;

/// <summary><c>/healthz</c>: <c>{"status":"ok"}</c> for anyone; the store, the instance and the account count only with a valid token.</summary>
internal static class HealthEndpoint
{
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", HealthAsync).WithTags("Health").ExcludeFromDescription();

    private static async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> HealthAsync(
        GatewayStore store, InstanceIdentity instance, TokenStore tokens, FailedAuthLimiter limiter, DeliveryMark deliveries, HttpContext http)
    {
        var detailed = false;
        if (TokenFilter.Presented(http.Request) is { } presented)
        {
            var check = await tokens.VerifyAsync(presented, http.RequestAborted);
            detailed = check.State == TokenState.Active;
            if (check.State == TokenState.Invalid && !deliveries.IsOwnDelivery(http.Request))
            {
                limiter.Fail(check.PresentedId, http.Connection.RemoteIpAddress);
            }
        }
        try
        {
            await using var db = store.Create();
            var accounts = await db.Accounts.CountAsync(http.RequestAborted);
            return TypedResults.Ok(detailed ? new HealthView("ok", store.IsPostgres ? "postgresql" : "sqlite", instance.Id, accounts) : new HealthView("ok"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var view = detailed ? new HealthView("unavailable", Error: "the database cannot be reached: " + ex.GetType().Name) : new HealthView("unavailable");
            return TypedResults.Json(view, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

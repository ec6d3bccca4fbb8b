using Mediagate.Mock.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mediagate.Mock;

/// <summary>The mock's own control routes under <c>/_mock</c>: inject faults and see which fired, read what it received, script the device flow.</summary>
internal static class AdminRoutes
{
    public static IEndpointRouteBuilder MapMockAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_mock");
        admin.MapGet("/requests", (MockState state) => Results.Json(state.Requests));
        admin.MapDelete("/requests", (MockState state) =>
        {
            state.ClearRequests();
            return Results.NoContent();
        });
        admin.MapPost("/faults", (FaultRule rule, MockState state) =>
        {
            state.AddFault(rule);
            return Results.Created("/_mock/faults", rule);
        });
        admin.MapGet("/faults", (MockState state) => Results.Json(state.FaultLedger));
        admin.MapDelete("/faults", (MockState state) =>
        {
            state.ClearFaults();
            return Results.NoContent();
        });
        admin.MapGet("/inflight", (MockState state) => Results.Json(state.MaxInFlight));
        admin.MapGet("/revoked", (MockState state) => Results.Json(state.RevokedTokens));
        admin.MapPost("/device/script", (string[] outcomes, MockState state) =>
        {
            state.ScriptDevicePolls(outcomes);
            return Results.NoContent();
        });
        return app;
    }
}

using Provisioner.ProvisioningService.Security;

namespace Provisioner.ProvisioningService.Apis;

public static class ProvisioningApi
{
    public static IEndpointRouteBuilder MapProvisioningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(ProvisioningPolicies.Reader);

        api.MapPost("/provision", ProvisionEndpoint.ProvisionAsync).RequireAuthorization(ProvisioningPolicies.Operate);
        api.MapGet("/jobs", JobsEndpoints.ListAsync);
        api.MapGet("/jobs/stats", JobsEndpoints.StatsAsync);
        api.MapGet("/jobs/{id:guid}", JobsEndpoints.GetAsync);

        return app;
    }
}

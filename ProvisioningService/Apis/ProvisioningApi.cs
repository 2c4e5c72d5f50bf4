using Provisioner.ProvisioningService.Security;

namespace Provisioner.ProvisioningService.Apis;

public static class ProvisioningApi
{
    public static IEndpointRouteBuilder MapProvisioningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(ProvisioningPolicies.Reader);

        api.MapPost("/provision", ProvisionEndpoint.ProvisionAsync).RequireAuthorization(ProvisioningPolicies.Operate);
        api.MapPost("/provision/bulk", BulkProvisionEndpoint.BulkAsync).RequireAuthorization(ProvisioningPolicies.Operate);
        api.MapGet("/jobs", JobsEndpoints.ListAsync);
        api.MapGet("/jobs/stats", JobsEndpoints.StatsAsync);
        api.MapGet("/jobs/{id:guid}", JobsEndpoints.GetAsync);
        api.MapGet("/jobs/events", JobEventsEndpoints.AgencyAsync);
        api.MapGet("/jobs/{id:guid}/events", JobEventsEndpoints.JobAsync);
        api.MapPost("/jobs/{id:guid}/retry", JobControlEndpoints.RetryAsync).RequireAuthorization(ProvisioningPolicies.Operate);
        api.MapPost("/jobs/{id:guid}/cancel", JobControlEndpoints.CancelAsync).RequireAuthorization(ProvisioningPolicies.Operate);
        api.MapGet("/provision/settings", AgencySettingsEndpoints.GetAsync);
        api.MapPut("/provision/settings", AgencySettingsEndpoints.PutAsync).RequireAuthorization(ProvisioningPolicies.Manage);
        api.MapGet("/provision/settings/custom-value-templates", CustomValueTemplatesEndpoints.GetAsync);
        api.MapPut("/provision/settings/custom-value-templates", CustomValueTemplatesEndpoints.PutAsync).RequireAuthorization(ProvisioningPolicies.Manage);
        api.MapOperationsEndpoints();

        return app;
    }
}

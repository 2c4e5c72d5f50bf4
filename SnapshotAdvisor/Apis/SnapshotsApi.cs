using Provisioner.SnapshotAdvisor.Security;

namespace Provisioner.SnapshotAdvisor.Apis;

public static class SnapshotsApi
{
    public static IEndpointRouteBuilder MapSnapshotsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/snapshots").WithTags("Snapshots");

        api.MapGet("/", LibraryHandlers.ListAsync).RequireAuthorization(AdvisorPolicies.Reader);
        api.MapGet("/{id}", LibraryHandlers.GetAsync).RequireAuthorization(AdvisorPolicies.Reader);
        api.MapPut("/{id}", LibraryHandlers.UpdateAsync).RequireAuthorization(AdvisorPolicies.Editor);
        api.MapPost("/sync", LibraryHandlers.SyncAsync).RequireAuthorization(AdvisorPolicies.Editor);
        api.MapPost("/recommend", RecommendHandlers.RecommendAsync).RequireAuthorization(AdvisorPolicies.Reader);

        return app;
    }
}

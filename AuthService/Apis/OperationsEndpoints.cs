using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Sessions;
using Provisioner.Messaging.Diagnostics;

namespace Provisioner.AuthService.Apis;

/// <summary>What an admin's Operations page needs from this service, under the gateway's <c>/api/auth</c> route.</summary>
public static class OperationsEndpoints
{
    public static RouteGroupBuilder MapOperationsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/operations/backlog", BacklogAsync).RequireAuthorization(Policies.Admin);
        return api;
    }

    /// <summary>
    /// The bus outbox's backlog (AuthService publishes connection and key events through it; it consumes nothing). The
    /// messaging tables serve the whole installation and are reported as counts only: no message, no agency's data.
    /// </summary>
    public static async Task<Ok<MessagingBacklogReport>> BacklogAsync(AuthDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await MessagingBacklogReport.ReadAsync(db, cancellationToken));
}

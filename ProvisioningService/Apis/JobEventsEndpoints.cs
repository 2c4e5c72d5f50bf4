using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Security;
using Provisioner.ProvisioningService.Streaming;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>
/// GET /api/jobs/{id}/events and GET /api/jobs/events: Server-Sent Events over <c>job_events</c>, resumable with
/// <c>Last-Event-ID</c> (or <c>?lastEventId=</c>, since a browser's EventSource cannot set headers on a new stream).
/// </summary>
public static class JobEventsEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static async Task<Results<JobEventStreamResult, ProblemHttpResult, ValidationProblem>> JobAsync(
        Guid id,
        [FromHeader(Name = LastEventIdHeader)] string? lastEventIdHeader,
        [FromQuery] string? lastEventId,
        ClaimsPrincipal user,
        ProvisioningDbContext db,
        [FromServices] TimeProvider clock,
        [FromServices] JobEventChannels channels,
        CancellationToken cancellationToken)
    {
        if (!TryResumePoint(lastEventIdHeader, lastEventId, out var after, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var agency = ProvisioningPolicies.AgencyOf(user);
        // Another agency's job is "not found", as in GET /api/jobs/{id}: its existence is not revealed.
        if (!await db.Jobs.AsNoTracking().AnyAsync(j => j.Id == id && j.AgencyId == agency, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found.",
                detail: $"There is no job {id} in this agency.");
        }

        return new JobEventStreamResult(new JobFeed(channels, clock, id, agency), after ?? 0);
    }

    public static async Task<Results<JobEventStreamResult, ValidationProblem>> AgencyAsync(
        [FromHeader(Name = LastEventIdHeader)] string? lastEventIdHeader,
        [FromQuery] string? lastEventId,
        ClaimsPrincipal user,
        ProvisioningDbContext db,
        [FromServices] JobEventWatermark watermark,
        CancellationToken cancellationToken)
    {
        if (!TryResumePoint(lastEventIdHeader, lastEventId, out var after, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Without a resume point the stream starts now: what is already below the watermark is history.
        var now = await watermark.ReadyAsync(cancellationToken);
        return new JobEventStreamResult(new AgencyFeed(db, watermark, ProvisioningPolicies.AgencyOf(user)), after ?? now);
    }

    /// <summary>The id to resume after: the header wins (an EventSource reconnect sends it), else the query.</summary>
    private static bool TryResumePoint(string? header, string? query, out long? after, out Dictionary<string, string[]> errors)
    {
        errors = [];
        after = null;
        var (field, value) = !string.IsNullOrWhiteSpace(header) ? (LastEventIdHeader, header) : ("lastEventId", query);
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            after = id;
            return true;
        }

        errors[field] = [$"'{field}' must be the id of an event of this stream (a whole number ≥ 0)."];
        return false;
    }
}
